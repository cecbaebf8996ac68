import type * as issuerModule from "../../../infra/okta/issuer";
import { fakeOktaDirectory, runProgram } from "../../helpers/pulumiMocks";

async function issuerUnderMocks() {
  return runProgram<typeof issuerModule>({
    program: "infra/okta/issuer.ts",
    stack: "eu",
    config: {},
    invoke: fakeOktaDirectory({
      servers: [
        { id: "aus-1", name: "Action1 EU", issuer: "https://example-org.okta.com/oauth2/aus-1" },
        {
          id: "aus-2",
          name: "Old",
          issuer: "https://example-org.okta.com/oauth2/aus-2",
          status: "INACTIVE",
        },
      ],
    }),
  });
}

describe("findAuthServer", () => {
  it("returns the id and issuer of the server with that exact name", async () => {
    const { exports } = await issuerUnderMocks();
    await expect(exports.findAuthServer("Action1 EU", "eu")).resolves.toEqual({
      id: "aus-1",
      issuer: "https://example-org.okta.com/oauth2/aus-1",
    });
  });

  it("names a missing server and both fixes", async () => {
    const { exports } = await issuerUnderMocks();
    await expect(exports.findAuthServer("Action1", "eu")).rejects.toThrow(
      'Okta authorization server "Action1" was not found (authorization server with name ' +
        '"Action1" does not exist). Fix: create it (API Access Management), or set ' +
        "authorizationServer to org in Pulumi.eu.yaml.",
    );
  });

  it("refuses an inactive server, which issues no tokens", async () => {
    const { exports } = await issuerUnderMocks();
    await expect(exports.findAuthServer("Old", "eu")).rejects.toThrow(
      'Okta authorization server "Old" is INACTIVE, so it issues no tokens. Fix: activate it ' +
        "in Okta, or set authorizationServer to org in Pulumi.eu.yaml.",
    );
  });
});
