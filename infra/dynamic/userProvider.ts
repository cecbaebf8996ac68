/**
 * Implementation of the `pulumi-nodejs:dynamic/action1:User` provider (loaded at run time by
 * `infra/dynamic/user.ts` through `loadRuntime`).
 *
 * - `signIn: okta`: invites the address as an SSO user (`POST /users` without a password; the
 *   enterprise identity provider must already be Okta), or adopts an existing Okta user with the
 *   same email (e.g. one the migration re-invited).
 * - `signIn: password`: the break-glass account. The provider never creates password users (that
 *   needs a password, a secret it must not hold): it adopts the existing enabled password user
 *   with this email, and on delete only releases it from the stack (the account stays).
 * - Disabling or deleting is refused when it would leave no enabled interactive Enterprise Admin
 *   (guard, write and re-count serialized per enterprise: `guardedAdminWrite`).
 * - `signIn` never changes in place or by replacement: the provider cannot create password users,
 *   so an okta -> password replacement would delete the user and leave nothing. `check` (and
 *   `diff`, as a second line) refuse it and say how to proceed.
 * - Values unknown during preview are accepted by `check` as they are.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { guardedAdminWrite } from "../action1/adminGuard";
import { isNotFound } from "../action1/errors";
import { IDP_SETTING_CATEGORY, IDP_TEMPLATE_ID, providerOf } from "../action1/idpSetting";
import type { Action1User } from "../action1/types";
import { adminReader, clientFor, configureCredentials } from "./action1Runtime";
import { isUnknown } from "./unknown";

export interface UserInputs {
  apiBaseUrl: string;
  email: string;
  signIn: "okta" | "password";
  userType: "Interactive";
  enabled: boolean;
  firstName?: string;
  lastName?: string;
}

export interface UserOutputs extends UserInputs {
  userId: string;
  identityProvider: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why `signIn` cannot go from `from` to `to` for `email`, and what to do instead. */
export function signInChangeReason(email: string, from: unknown, to: unknown): string {
  const how =
    from === "password" && to === "okta"
      ? `run \`npm run migrate-users -- --users ${email} --apply\` (moves the user to Okta, ` +
        "keeping its roles), then `pulumi refresh` so the stack forgets the old password user"
      : "make it a password user in the Action1 console, then `pulumi state delete` this " +
        "User's URN so the stack forgets it without deleting it";
  return (
    `signIn of ${email} cannot change from ${JSON.stringify(from)} to ` +
    `${JSON.stringify(to)}: that would delete the Action1 user before a replacement exists ` +
    `(the provider never creates password users). Keep signIn ${JSON.stringify(from)} for ` +
    `now; to move the user, ${how}, then \`pulumi up\` with signIn ${JSON.stringify(to)}`
  );
}

export const userProvider: Required<dynamic.ResourceProvider<UserInputs, UserOutputs>> = {
  async configure(req) {
    configureCredentials(req);
  },

  async check(olds, news) {
    const failures: dynamic.CheckFailure[] = [];
    const n = news as Partial<Record<keyof UserInputs, unknown>>;
    const o = (olds ?? {}) as Partial<Record<keyof UserInputs, unknown>>;
    if (isUnknown(n.apiBaseUrl)) {
      // known at `up`
    } else if (typeof n.apiBaseUrl !== "string" || n.apiBaseUrl === "") {
      failures.push({ property: "apiBaseUrl", reason: "apiBaseUrl is required (the region's)" });
    }
    if (isUnknown(n.email)) {
      // known at `up`
    } else if (typeof n.email !== "string" || !EMAIL.test(n.email.trim())) {
      failures.push({
        property: "email",
        reason: `email ${JSON.stringify(n.email)} is not an email address; use name@domain`,
      });
    }
    if (isUnknown(n.signIn)) {
      // known at `up`
    } else if (n.signIn !== "okta" && n.signIn !== "password") {
      failures.push({
        property: "signIn",
        reason: `signIn ${JSON.stringify(n.signIn)} is not allowed; use "okta" or "password"`,
      });
    } else if (
      (o.signIn === "okta" || o.signIn === "password") &&
      o.signIn !== n.signIn &&
      typeof o.email === "string"
    ) {
      failures.push({
        property: "signIn",
        reason: signInChangeReason(o.email, o.signIn, n.signIn),
      });
    }
    const userType = n.userType ?? "Interactive";
    if (!isUnknown(userType) && userType !== "Interactive") {
      failures.push({
        property: "userType",
        reason:
          `userType ${JSON.stringify(userType)} is not allowed: the provider manages ` +
          'interactive users only ("Interactive"); create API credentials in the console',
      });
    }
    const enabled = n.enabled ?? true;
    if (!isUnknown(enabled) && typeof enabled !== "boolean") {
      failures.push({ property: "enabled", reason: "enabled must be true or false" });
    }
    for (const f of ["firstName", "lastName"] as const) {
      if (n[f] !== undefined && !isUnknown(n[f]) && typeof n[f] !== "string") {
        failures.push({ property: f, reason: `${f} must be a string` });
      }
    }
    const inputs = { ...news, userType, enabled } as UserInputs;
    if (typeof inputs.email === "string") inputs.email = inputs.email.trim();
    return failures.length > 0 ? { inputs, failures } : { inputs };
  },

  async diff(_id, olds, news) {
    // Second line behind `check`: a signIn change has no safe plan (see signInChangeReason).
    if (!isUnknown(news.signIn) && olds.signIn !== news.signIn) {
      throw new Error(signInChangeReason(olds.email, olds.signIn, news.signIn));
    }
    const replaces: string[] = [];
    if (olds.apiBaseUrl !== news.apiBaseUrl) replaces.push("apiBaseUrl");
    if (isUnknown(news.email) || !sameEmail(olds.email, news.email)) replaces.push("email");
    if ((olds.userType ?? "Interactive") !== (news.userType ?? "Interactive")) {
      replaces.push("userType");
    }
    const changes =
      replaces.length > 0 ||
      olds.email !== news.email ||
      olds.enabled !== news.enabled ||
      (olds.firstName ?? "") !== (news.firstName ?? "") ||
      (olds.lastName ?? "") !== (news.lastName ?? "");
    // Never delete before replace: the new user (other address or tenant) is created first and
    // the old one deleted after, through the last-admin guard.
    return {
      changes,
      replaces,
      deleteBeforeReplace: false,
      stables: replaces.length === 0 ? ["userId"] : [],
    };
  },

  async create(inputs) {
    const client = clientFor(inputs.apiBaseUrl);
    const existing = await client.findUserByEmail(inputs.email);
    let user: Action1User;
    // Known shortcoming (by design): password users are adopted, never created or deleted.
    if (inputs.signIn === "password") {
      if (existing?.identity_provider !== "Action1") {
        throw new Error(
          `${inputs.email}: no enabled Action1 password user has this email. The provider does ` +
            "not create password users (it would need to hold a password); create the " +
            "break-glass account in the Action1 console, then run again",
        );
      }
      user = existing;
    } else if (existing) {
      if (existing.identity_provider === "Action1") {
        throw new Error(
          `${inputs.email} already exists as an Action1 password user (${existing.id}); move ` +
            "it to Okta with `npm run migrate-users -- --users <email>` first, or declare it " +
            'with signIn "password"',
        );
      }
      user = existing;
    } else {
      const idp = await enterpriseIdentityProvider(inputs.apiBaseUrl);
      if (idp !== "Okta") {
        throw new Error(
          `${inputs.email}: the enterprise identity provider is ${idp ?? "not set (Action1)"}, ` +
            "so a new user would sign in with a password. Create the Okta identity provider " +
            "first (declare the user with dependsOn the IdentityProvider resource)",
        );
      }
      user = await client.createUser({
        email: inputs.email,
        ...(inputs.firstName ? { first_name: inputs.firstName } : {}),
        ...(inputs.lastName ? { last_name: inputs.lastName } : {}),
      });
    }
    if (!inputs.enabled && user.enabled === "yes") {
      // Adopting an enabled user as disabled takes it out of the admins: guarded like update.
      const adopted = user;
      user = await guardedAdminWrite({
        key: inputs.apiBaseUrl,
        reader: adminReader(client),
        removal: { userId: adopted.id, email: adopted.email, action: "disable" },
        write: () => client.updateUser(adopted.id, { enabled: "no" }),
        restore: () => client.updateUser(adopted.id, { enabled: "yes" }),
      });
    } else if (inputs.enabled && user.enabled !== "yes") {
      user = await client.updateUser(user.id, { enabled: "yes" });
    }
    return { id: user.id, outs: outputs(inputs, user) };
  },

  async read(id, props?) {
    if (!props) throw new Error("reading an Action1 user needs its previous state");
    const client = clientFor(props.apiBaseUrl);
    let user: Action1User;
    try {
      user = await client.getUser(id);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    // Action1 soft-deletes: a deleted user is still readable, disabled and renamed.
    if (user.enabled !== "yes" && !sameEmail(user.email, props.email)) return {};
    const live = outputs(
      { ...props, email: sameEmail(user.email, props.email) ? props.email : user.email },
      user,
    );
    const { userId: _u, identityProvider: _i, ...inputs } = live;
    // ReadResult types `inputs` as the outputs shape; the engine takes them as inputs.
    return { id, props: live, inputs: inputs as UserOutputs };
  },

  async update(id, olds, news) {
    const client = clientFor(news.apiBaseUrl);
    const patch: Record<string, string> = {};
    if (olds.enabled !== news.enabled) patch.enabled = news.enabled ? "yes" : "no";
    if ((olds.firstName ?? "") !== (news.firstName ?? "")) patch.first_name = news.firstName ?? "";
    if ((olds.lastName ?? "") !== (news.lastName ?? "")) patch.last_name = news.lastName ?? "";
    if (olds.email !== news.email) patch.email = news.email; // same address, other case
    let user: Action1User;
    if (olds.enabled && !news.enabled) {
      user = await guardedAdminWrite({
        key: news.apiBaseUrl,
        reader: adminReader(client),
        removal: { userId: id, email: olds.email, action: "disable" },
        write: () => client.updateUser(id, patch),
        restore: () => client.updateUser(id, { enabled: "yes" }),
      });
    } else {
      user =
        Object.keys(patch).length > 0
          ? await client.updateUser(id, patch)
          : await client.getUser(id);
    }
    return { outs: outputs(news, user) };
  },

  async delete(id, props) {
    const client = clientFor(props.apiBaseUrl);
    if (props.signIn === "password") return; // released, never deleted (see above)
    await guardedAdminWrite({
      key: props.apiBaseUrl,
      reader: adminReader(client),
      removal: { userId: id, email: props.email, action: "delete" },
      write: async () => {
        try {
          await client.deleteUser(id);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      },
      // Action1 soft-deletes (disabled, renamed): put the address back and re-enable.
      // Limitation: assumes a soft-deleted user keeps its roles and accepts this PATCH (true of
      // the local Action1; not verified against a live tenant).
      restore: () => client.updateUser(id, { enabled: "yes", email: props.email }),
    });
  },
};

function outputs(inputs: UserInputs, user: Action1User): UserOutputs {
  return {
    apiBaseUrl: inputs.apiBaseUrl,
    email: inputs.email,
    signIn: inputs.signIn,
    userType: "Interactive",
    enabled: user.enabled === "yes",
    ...(inputs.firstName !== undefined ? { firstName: inputs.firstName } : {}),
    ...(inputs.lastName !== undefined ? { lastName: inputs.lastName } : {}),
    userId: user.id,
    identityProvider: user.identity_provider ?? "Action1",
  };
}

async function enterpriseIdentityProvider(apiBaseUrl: string): Promise<string | undefined> {
  const settings = await clientFor(apiBaseUrl).listSettings({ category: IDP_SETTING_CATEGORY });
  const setting = settings.find((s) => s.template_id === IDP_TEMPLATE_ID);
  return setting ? providerOf(setting.value) : undefined;
}
