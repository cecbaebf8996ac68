/** Exports what the language host passed to the program; fails on purpose when asked to. */
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
if (config.getBoolean("fail")) {
  throw new Error("engine-check was asked to fail (config engine-check:fail=true)");
}

export const project = pulumi.getProject();
export const stack = pulumi.getStack();
export const plain = config.get("plain");
export const secretValue = config.getSecret("secretValue");
export const nodeMajor = Number(process.versions.node.split(".")[0]);
