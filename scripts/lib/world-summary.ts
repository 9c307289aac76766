// A few lines describing what the emulator's world holds that the demo touches: grants,
// ClassicLink links, managed instances and activations, per account.
import type { AdminClient } from "../../emulator/index.js";

interface RegionView {
  grants?: { cenId: string; instanceId: string; cenOwnerId: string }[];
  classicLinks?: { instanceId: string; vpcId: string }[];
  managedInstances?: { instanceId: string; instanceName: string; hostname: string }[];
  activations?: { activationId: string; registeredCount: number; deregisteredCount: number; disabled: boolean }[];
}

interface WorldView {
  accounts: { name: string; uid: string; regions: Record<string, RegionView> }[];
}

/** The lines describing the world, indented for the demo's narration. */
export async function describeWorld(admin: AdminClient): Promise<string[]> {
  const world = (await admin.world()) as unknown as WorldView;
  const lines: string[] = [];
  for (const account of world.accounts) {
    for (const [region, view] of Object.entries(account.regions)) {
      const where = `${account.name} (${account.uid}) ${region}`;
      for (const g of view.grants ?? [])
        lines.push(`grant      ${where}: ${g.instanceId} -> ${g.cenId} of ${g.cenOwnerId}`);
      for (const l of view.classicLinks ?? []) lines.push(`link       ${where}: ${l.instanceId} -> ${l.vpcId}`);
      for (const m of view.managedInstances ?? []) {
        lines.push(`managed    ${where}: ${m.instanceId} "${m.instanceName}" (host ${m.hostname})`);
      }
    }
  }
  return lines.length ? lines : ["(no grants, no ClassicLink links, no managed instances)"];
}
