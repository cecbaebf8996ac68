/**
 * The local Action1's state: enterprise, users, roles and memberships, setting templates and
 * settings, issued tokens, and a timeline of every change. Tests may call the mutators directly
 * to play "someone changed it in the console" (recorded with actor `console`).
 */
import { randomUUID } from "node:crypto";
import { decodeIdpValue, IDP_TEMPLATE_ID, PASSWORD_PROVIDER } from "../../infra/action1/idpSetting";
import type {
  Action1Role,
  Action1Setting,
  Action1SettingScope,
  Action1SettingTemplate,
} from "../../infra/action1/types";
import type { Seed, SeedUser } from "./seed";

/**
 * Action1 soft-deletes users: `enabled: "no"` and a "Deleted" prefix on the email. The exact
 * form (`Deleted_`) is this stand-in's choice; Action1's documentation does not spell it out.
 */
export const DELETED_EMAIL_PREFIX = "Deleted_";

export interface StoredUser extends SeedUser {
  phone: string;
  timezone: string;
  session_timeout: number;
  email_verified: "yes" | "no";
}

export interface TimelineEntry {
  seq: number;
  at: number;
  /** `api` for changes made through HTTP, `console` for direct calls from tests. */
  actor: "api" | "console";
  kind: string;
  detail: string;
  /** Enabled Interactive members of the Enterprise Admin role right after this change. */
  enabledInteractiveEnterpriseAdmins: number;
  /** Of those, the ones that sign in with a password (identity provider `Action1`). */
  enabledPasswordEnterpriseAdmins: number;
}

export class Action1State {
  enterprise: { id: string; name: string; description: string };
  readonly apiCredential: { clientId: string; clientSecret: string; userId: string };
  readonly users = new Map<string, StoredUser>();
  readonly roles = new Map<string, Action1Role>();
  /** roleId -> set of user ids. */
  readonly members = new Map<string, Set<string>>();
  readonly templates = new Map<string, Action1SettingTemplate>();
  readonly settings = new Map<string, Action1Setting>();
  readonly timeline: TimelineEntry[] = [];
  /** When true, GET answers hide `client_secret` inside setting values (as a real API might). */
  maskSecretsOnRead = false;
  /** Counts before the first change (timeline seq 0). */
  readonly initialCounts: { interactive: number; password: number };
  private seq = 0;

  constructor(seed: Seed) {
    this.enterprise = { ...seed.enterprise };
    this.apiCredential = { ...seed.apiCredential };
    for (const r of seed.roles) {
      this.roles.set(r.id, { ...r });
      this.members.set(r.id, new Set());
    }
    for (const u of seed.users) {
      this.users.set(u.id, completeUser(u));
      for (const roleId of u.roles) this.members.get(roleId)?.add(u.id);
    }
    for (const t of seed.templates) this.templates.set(t.id, { ...t });
    for (const s of seed.settings) this.settings.set(s.id, structuredClone(s));
    this.initialCounts = {
      interactive: this.enabledInteractiveEnterpriseAdmins().length,
      password: this.enabledPasswordEnterpriseAdmins().length,
    };
  }

  /**
   * Enabled Interactive Enterprise Admins right after timeline change `seq` (0 = the seed), or
   * now when `seq` is undefined. Lets a test assert the count never reached zero.
   */
  enabledInteractiveEnterpriseAdminCount(seq?: number): number {
    if (seq === undefined) return this.enabledInteractiveEnterpriseAdmins().length;
    const entry = [...this.timeline].reverse().find((e) => e.seq <= seq);
    return entry ? entry.enabledInteractiveEnterpriseAdmins : this.initialCounts.interactive;
  }

  /** The lowest count of enabled Interactive Enterprise Admins over the whole timeline. */
  minEnabledInteractiveEnterpriseAdmins(): number {
    return Math.min(
      this.initialCounts.interactive,
      ...this.timeline.map((e) => e.enabledInteractiveEnterpriseAdmins),
    );
  }

  // ------------------------------------------------------------ queries

  /** Enabled Interactive users holding the Enterprise Admin role, now. */
  enabledInteractiveEnterpriseAdmins(): StoredUser[] {
    const ids = this.members.get("enterprise_admin") ?? new Set<string>();
    return [...ids]
      .map((id) => this.users.get(id))
      .filter((u): u is StoredUser => !!u && u.enabled === "yes" && u.user_type === "Interactive");
  }

  /** Enabled Interactive Enterprise Admins who sign in with a password (break-glass accounts). */
  enabledPasswordEnterpriseAdmins(): StoredUser[] {
    return this.enabledInteractiveEnterpriseAdmins().filter(
      (u) => u.identity_provider === PASSWORD_PROVIDER,
    );
  }

  /** The provider new users get: the enterprise identity_provider setting, else `Action1`. */
  currentIdentityProvider(): string {
    const s = this.idpSetting();
    return s ? decodeIdpValue(s.value).provider : PASSWORD_PROVIDER;
  }

  idpSetting(): Action1Setting | undefined {
    return [...this.settings.values()].find(
      (s) => s.template_id === IDP_TEMPLATE_ID && s.scope.some((x) => x.type === "Enterprise"),
    );
  }

  findUserByEmail(email: string, includeDisabled = false): StoredUser | undefined {
    const e = email.toLowerCase();
    return [...this.users.values()].find(
      (u) => u.email.toLowerCase() === e && (includeDisabled || u.enabled === "yes"),
    );
  }

  // ------------------------------------------------------------ mutators (all recorded)

  createUser(u: Omit<SeedUser, "id" | "roles"> & Partial<StoredUser>, actor = "api"): StoredUser {
    const user = completeUser({ ...u, id: randomUUID(), roles: [] });
    this.users.set(user.id, user);
    this.record(actor, "user.created", `${user.id} ${user.email} idp=${user.identity_provider}`);
    return user;
  }

  updateUser(id: string, patch: Partial<StoredUser>, actor = "api"): StoredUser {
    const user = this.mustUser(id);
    Object.assign(user, patch);
    this.record(actor, "user.updated", `${id} ${Object.keys(patch).sort().join(",")}`);
    return user;
  }

  softDeleteUser(id: string, actor = "api"): StoredUser {
    const user = this.mustUser(id);
    user.enabled = "no";
    if (!user.email.startsWith(DELETED_EMAIL_PREFIX)) {
      user.email = `${DELETED_EMAIL_PREFIX}${user.email}`;
    }
    this.record(actor, "user.deleted", `${id}`);
    return user;
  }

  assignRole(roleId: string, userId: string, actor = "api"): void {
    this.mustUser(userId);
    const set = this.members.get(roleId);
    if (!set) throw new Error(`no role ${roleId}`);
    set.add(userId);
    this.record(actor, "role.assigned", `${roleId} ${userId}`);
  }

  unassignRole(roleId: string, userId: string, actor = "api"): void {
    this.members.get(roleId)?.delete(userId);
    this.record(actor, "role.unassigned", `${roleId} ${userId}`);
  }

  createSetting(
    templateId: string,
    value: string,
    scope: Action1SettingScope[],
    actor = "api",
  ): Action1Setting {
    const t = this.templates.get(templateId);
    const id = randomUUID();
    const setting: Action1Setting = {
      id,
      type: "Setting",
      self: `/API/settings/all/${id}`,
      template_id: templateId,
      name: t?.name ?? templateId,
      description: t?.description ?? "",
      value_type: t?.value_type ?? "string",
      value,
      scope: structuredClone(scope),
    };
    this.settings.set(id, setting);
    this.record(actor, "setting.created", `${id} ${templateId}`);
    return setting;
  }

  updateSetting(
    id: string,
    patch: { value?: string; scope?: Action1SettingScope[] },
    actor = "api",
  ): Action1Setting {
    const s = this.settings.get(id);
    if (!s) throw new Error(`no setting ${id}`);
    if (patch.value !== undefined) s.value = patch.value;
    if (patch.scope !== undefined) s.scope = structuredClone(patch.scope);
    this.record(actor, "setting.updated", `${id} ${Object.keys(patch).sort().join(",")}`);
    return s;
  }

  deleteSetting(id: string, actor = "api"): void {
    this.settings.delete(id);
    this.record(actor, "setting.deleted", id);
  }

  private mustUser(id: string): StoredUser {
    const u = this.users.get(id);
    if (!u) throw new Error(`no user ${id}`);
    return u;
  }

  private record(actor: string, kind: string, detail: string): void {
    this.timeline.push({
      seq: ++this.seq,
      at: Date.now(),
      actor: actor === "console" ? "console" : "api",
      kind,
      detail,
      enabledInteractiveEnterpriseAdmins: this.enabledInteractiveEnterpriseAdmins().length,
      enabledPasswordEnterpriseAdmins: this.enabledPasswordEnterpriseAdmins().length,
    });
  }
}

function completeUser(u: SeedUser & Partial<StoredUser>): StoredUser {
  return {
    phone: "",
    timezone: "UTC",
    session_timeout: 3600,
    email_verified: "yes",
    first_name: "",
    last_name: "",
    ...u,
    roles: [...u.roles],
  };
}
