/**
 * Reads how a tenant really stores its identity-provider setting, so an administrator can confirm
 * (or correct) the unverified encoding in `idpSetting.ts` before the first `pulumi up`. Read-only:
 * only GET requests. Everything returned has secret-looking fields masked.
 */
import type { Action1Client } from "./client";
import { isNotFound } from "./errors";
import {
  decodeIdpValue,
  encodeIdpValue,
  IDP_SETTING_CATEGORY,
  IDP_TEMPLATE_ID,
  maskSecrets,
} from "./idpSetting";

export interface IdpDiscovery {
  /** The `identity_provider` template, masked; undefined when the tenant has none. */
  template?: unknown;
  /** Every setting template of category `sso`, masked. */
  ssoTemplates: unknown[];
  /** The enterprise's current identity-provider setting, masked; undefined when none. */
  setting?: unknown;
  /** The JSON keys of the setting value, when it is JSON. */
  valueKeys?: string[];
  /** The keys the project writes for Okta (from `encodeIdpValue`). */
  expectedKeys: string[];
  /** `matches`, `differs` or `unknown` (no Okta setting to compare with). */
  verdict: "matches" | "differs" | "unknown";
  notes: string[];
}

export async function discoverIdpSetting(client: Action1Client): Promise<IdpDiscovery> {
  const notes: string[] = [];
  const expectedKeys = Object.keys(
    JSON.parse(
      encodeIdpValue({ provider: "Okta", clientId: "x", clientSecret: "x", issuerUri: "x" }),
    ) as Record<string, unknown>,
  );
  let template: unknown;
  try {
    template = await client.getSettingTemplate(IDP_TEMPLATE_ID);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    notes.push(`No setting template "${IDP_TEMPLATE_ID}": the project's write path cannot work.`);
  }
  const ssoTemplates = await client.listSettingTemplates({ category: IDP_SETTING_CATEGORY });
  const settings = await client.listSettings({ category: IDP_SETTING_CATEGORY });
  const setting = settings.find((s) => s.template_id === IDP_TEMPLATE_ID);
  let valueKeys: string[] | undefined;
  let verdict: IdpDiscovery["verdict"] = "unknown";
  if (!setting) {
    notes.push(
      "No identity-provider setting yet. Configure Okta once in the console (Configuration > " +
        "Advanced > Identity Provider), then run this again to see the stored shape.",
    );
  } else {
    const decoded = decodeIdpValue(setting.value);
    if (decoded.format === "json") {
      valueKeys = Object.keys(JSON.parse(setting.value) as Record<string, unknown>);
    }
    if (decoded.provider !== "Okta") {
      notes.push(
        `The setting selects "${decoded.provider}", not Okta: nothing to compare the Okta ` +
          "encoding with yet.",
      );
    } else if (valueKeys && sameKeys(valueKeys, expectedKeys)) {
      verdict = "matches";
      notes.push("The stored value has exactly the keys the project writes.");
    } else {
      verdict = "differs";
      notes.push(
        `The stored value ${
          valueKeys ? `has keys ${valueKeys.join(", ")}` : "is not JSON"
        }; the project writes ${expectedKeys.join(", ")}. Adjust infra/action1/idpSetting.ts ` +
          "before the first pulumi up.",
      );
    }
    if (decoded.secretMasked) {
      notes.push(
        "Action1 returns the client secret masked: refresh cannot detect a secret changed in " +
          "the console.",
      );
    }
  }
  return {
    template: template === undefined ? undefined : maskSecrets(template),
    ssoTemplates: ssoTemplates.map((t) => maskSecrets(t)),
    setting: setting === undefined ? undefined : maskSecrets(setting),
    valueKeys,
    expectedKeys,
    verdict,
    notes,
  };
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((k, i) => k === [...b].sort()[i]);
}
