/** The CrossGuard pack: `pulumi preview --policy-pack policies`. Only builds the pack. */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, { policies, enforcementLevel: "advisory" });
