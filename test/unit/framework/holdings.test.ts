// Who holds what in one provider process: the rules a delete follows (framework/holdings.ts).
import { describe, expect, it } from "vitest";
import { Holdings, nameInUrn, ownerDigest } from "../../../provider/framework/holdings";

const OLD = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/alicloud:ManagedInstanceRegistration::build-server";
const NEW = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/alicloud:ManagedInstanceRegistration::ci-runner";

describe("holdings", () => {
  it("GIVEN nothing claimed WHEN a delete asks THEN it goes ahead", () => {
    expect(new Holdings().keeperFor("mi-1", OLD)).toBeUndefined();
  });

  it("GIVEN a new name that made or found the object WHEN the old name's delete asks THEN it is kept for the new name", () => {
    const held = new Holdings();
    held.claim("mi-1", NEW, "create");
    expect(held.keeperFor("mi-1", OLD)).toEqual({ urn: NEW, via: "create" });
    expect(held.keeperFor("mi-2", OLD)).toBeUndefined();
  });

  it("GIVEN a replacement that found the same object WHEN the old copy's delete asks THEN it is kept for the new copy", () => {
    const held = new Holdings();
    held.claim("mi-1", OLD, "create");
    expect(held.keeperFor("mi-1", OLD)?.urn).toBe(OLD);
  });

  it("GIVEN a resource that kept its object in a diff WHEN another resource's delete asks THEN it is kept; its own would not be", () => {
    const held = new Holdings();
    held.claim("mi-1", NEW, "diff");
    expect(held.keeperFor("mi-1", OLD)?.urn).toBe(NEW);
    expect(held.keeperFor("mi-1", NEW)).toBeUndefined();
  });

  it("GIVEN a resource without a URN WHEN it claims THEN nothing is recorded", () => {
    const held = new Holdings();
    held.claim("mi-1", undefined, "create");
    expect(held.keeperFor("mi-1", OLD)).toBeUndefined();
  });

  it("GIVEN URNs WHEN named and digested THEN the name is the last part and the digest is stable hex", () => {
    expect(nameInUrn(NEW)).toBe("ci-runner");
    expect(ownerDigest(NEW)).toMatch(/^[0-9a-f]{64}$/);
    expect(ownerDigest(NEW)).not.toBe(ownerDigest(OLD));
    expect(ownerDigest(undefined)).toBeUndefined();
  });
});
