import * as pulumi from "@pulumi/pulumi";
import { roleAssignmentResourceProvider } from "../../../infra/dynamic/roleAssignment";
import { userResourceProvider } from "../../../infra/dynamic/user";

/**
 * What goes into state as `__provider`: the serializer's text for each provider. It must stay
 * tiny (the implementation is loaded at run time) and hold no client code and no credential.
 */
describe("serialized providers", () => {
  const secret = "fake-action1-client-secret-not-a-real-secret";
  beforeAll(() => {
    process.env.ACTION1_CLIENT_SECRET = secret;
  });
  afterAll(() => {
    delete process.env.ACTION1_CLIENT_SECRET;
  });

  it.each([
    ["User", userResourceProvider, "infra/dynamic/userProvider.ts"],
    ["RoleAssignment", roleAssignmentResourceProvider, "infra/dynamic/roleAssignmentProvider.ts"],
  ])("%s provider serializes to a small loader", async (_name, provider, impl) => {
    const { text } = await pulumi.runtime.serializeFunction(() => provider, {
      allowSecrets: false,
    });
    expect(text).toContain(JSON.stringify(impl));
    expect(text).toContain("loadRuntime");
    expect(text).not.toContain(secret);
    expect(text).not.toContain("Action1Client");
    expect(text).not.toContain("fetch(");
    expect(text.length).toBeLessThan(8_000);
  });
});
