// Pulumi's Node.js runtime calls an exported function and uses its result as the stack outputs.
import { classicMigration } from "./program";

export = classicMigration;
