// What the live suite hands its program (scripts/live/program/index.ts) as the `plan` config.
import type { LiveInputs, Scenario } from "./inputs";

/** The live program's `plan` config. */
export interface LivePlan {
  /** The run marker. */
  marker: string;
  /** The tag key that carries it (objects.ts, MARKER_TAG). */
  markerTag: string;
  /** The credentials' account (GetCallerIdentity). */
  accountId: string;
  /** ALICLOUD_LIVE_ACCOUNTS: the program refuses a role of an account outside it (inputs.ts, accountsRefused). */
  allowedAccounts: string[];
  /** The region of every object. */
  regionId: string;
  /** The scenarios to run (those whose inputs are all given). */
  scenarios: Scenario[];
  /** The inputs. */
  inputs: LiveInputs;
}
