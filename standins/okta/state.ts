import type { OktaSeed, SeedApp, SeedAuthServer, UserStatus } from "./seed";

/** In-memory data of the local Okta, plus the Okta JSON shapes built from it. */
export type Json = Record<string, unknown>;

export interface UserRecord {
  id: string;
  status: UserStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastUpdated: string;
  profile: { login: string; email: string; firstName: string; lastName: string };
}

export interface GroupRecord {
  id: string;
  type: "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  profile: { name: string; description: string };
  members: Set<string>;
}

export interface AppUserRecord {
  created: string;
  lastUpdated: string;
  userName: string;
  profile: Json;
}

export interface AppGroupRecord {
  lastUpdated: string;
  priority: number;
  profile: Json;
}

export interface AppRecord {
  /** The app as Okta returns it (without `_links`, built on the way out). */
  app: Json;
  clientSecret: string;
  users: Map<string, AppUserRecord>;
  groups: Map<string, AppGroupRecord>;
  accessPolicyId: string | undefined;
  idTokenSettings: Json | undefined;
}

export interface PolicyRecord {
  policy: Json;
  rules: Map<string, Json>;
}

export interface AuthServerRecord {
  server: Json;
  policies: Map<string, PolicyRecord>;
}

/** Okta's default user name expression for apps. */
const USERNAME_TEMPLATE = ["$", "{source.login}"].join("");

const PREFIX = { user: "00u", group: "00g", app: "0oa", policy: "00p", rule: "0pr", server: "aus" };

export class OktaState {
  /** Where this server listens (links and paging point here, so clients can follow them). */
  origin = "http://127.0.0.1";
  /**
   * The org's public URL, as tokens and metadata name it (issuers, well-known documents). Unset,
   * it is {@link origin}. Set it when the server plays a named org reached through
   * `okta:httpProxy` (the sandbox): the proxy is a transport, the issuer stays the org's.
   */
  orgUrl: string | undefined;
  readonly org: OktaSeed["org"];
  readonly tokens = new Map<string, string>();
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly authServers = new Map<string, AuthServerRecord>();
  /** Org-level policies (`/api/v1/policies`), e.g. ACCESS_POLICY. */
  readonly orgPolicies: Json[] = [];
  private counter = 0;

  constructor(seed: OktaSeed) {
    this.org = { ...seed.org };
    const at = this.now();
    for (const u of seed.users) {
      const status = u.status ?? "ACTIVE";
      const id = u.id ?? this.newId(PREFIX.user);
      this.users.set(id, {
        id,
        status,
        created: at,
        activated: status === "STAGED" ? null : at,
        statusChanged: at,
        lastUpdated: at,
        profile: {
          login: u.login,
          email: u.email ?? u.login,
          firstName: u.firstName,
          lastName: u.lastName,
        },
      });
    }
    for (const t of seed.apiTokens) {
      const owner = this.findUser(t.userLogin);
      if (!owner) throw new Error(`seed: apiTokens userLogin ${t.userLogin} is not a seeded user`);
      this.tokens.set(t.token, owner.id);
    }
    for (const g of seed.groups) {
      const id = g.id ?? this.newId(PREFIX.group);
      const members = new Set<string>();
      for (const login of g.members ?? []) {
        const user = this.findUser(login);
        if (!user) throw new Error(`seed: group ${g.name} member ${login} is not a seeded user`);
        members.add(user.id);
      }
      this.groups.set(id, {
        id,
        type: g.type ?? "OKTA_GROUP",
        created: at,
        lastUpdated: at,
        lastMembershipUpdated: at,
        profile: { name: g.name, description: g.description ?? "" },
        members,
      });
    }
    this.orgPolicies.push(
      this.accessPolicy("Default Policy", true, 1),
      this.accessPolicy("Any two factors", false, 2),
    );
    for (const s of seed.authorizationServers) this.seedAuthServer(s);
    for (const a of seed.apps) this.seedApp(a);
  }

  publicOrgUrl(): string {
    return (this.orgUrl ?? this.origin).replace(/\/+$/, "");
  }

  now(): string {
    return new Date().toISOString();
  }

  newId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).padStart(17, "0")}`;
  }

  newSecret(): string {
    this.counter += 1;
    return `fake-client-secret-${this.counter.toString(36).padStart(8, "0")}-not-a-real-secret`;
  }

  idFor(kind: keyof typeof PREFIX): string {
    return this.newId(PREFIX[kind]);
  }

  findUser(idOrLogin: string): UserRecord | undefined {
    const byId = this.users.get(idOrLogin);
    if (byId) return byId;
    const wanted = idOrLogin.toLowerCase();
    for (const u of this.users.values()) {
      if (u.profile.login.toLowerCase() === wanted) return u;
    }
    return undefined;
  }

  findGroupByName(name: string): GroupRecord | undefined {
    for (const g of this.groups.values()) if (g.profile.name === name) return g;
    return undefined;
  }

  link(path: string): { href: string } {
    return { href: `${this.origin}${path}` };
  }

  userJson(u: UserRecord): Json {
    return {
      id: u.id,
      status: u.status,
      created: u.created,
      activated: u.activated,
      statusChanged: u.statusChanged,
      lastLogin: null,
      lastUpdated: u.lastUpdated,
      passwordChanged: u.created,
      type: { id: "oty1fakeusertype00001" },
      profile: { ...u.profile, mobilePhone: null, secondEmail: null },
      credentials: {
        password: {},
        provider: { type: "OKTA", name: "OKTA" },
      },
      _links: { self: this.link(`/api/v1/users/${u.id}`) },
    };
  }

  groupJson(g: GroupRecord): Json {
    return {
      id: g.id,
      created: g.created,
      lastUpdated: g.lastUpdated,
      lastMembershipUpdated: g.lastMembershipUpdated,
      objectClass: ["okta:user_group"],
      type: g.type,
      profile: { ...g.profile },
      _links: {
        logo: [
          {
            name: "medium",
            href: `${this.origin}/assets/img/logos/groups/okta-medium.png`,
            type: "image/png",
          },
        ],
        users: this.link(`/api/v1/groups/${g.id}/users`),
        apps: this.link(`/api/v1/groups/${g.id}/apps`),
      },
    };
  }

  /**
   * Users assigned to an app: direct assignments (scope USER) win over group-derived ones
   * (scope GROUP, from the groups assigned to the app). Deprovisioned users are left out.
   */
  effectiveAppUsers(app: AppRecord): { user: UserRecord; scope: "USER" | "GROUP" }[] {
    const result = new Map<string, { user: UserRecord; scope: "USER" | "GROUP" }>();
    for (const userId of app.users.keys()) {
      const user = this.users.get(userId);
      if (user && user.status !== "DEPROVISIONED") result.set(userId, { user, scope: "USER" });
    }
    for (const groupId of app.groups.keys()) {
      for (const userId of this.groups.get(groupId)?.members ?? []) {
        const user = this.users.get(userId);
        if (user && user.status !== "DEPROVISIONED" && !result.has(userId)) {
          result.set(userId, { user, scope: "GROUP" });
        }
      }
    }
    return [...result.values()];
  }

  appUserJson(app: AppRecord, user: UserRecord, scope: "USER" | "GROUP"): Json {
    const appId = String(app.app.id);
    const direct = app.users.get(user.id);
    const at = direct?.created ?? String(app.app.created);
    return {
      id: user.id,
      created: at,
      lastUpdated: direct?.lastUpdated ?? at,
      scope,
      status: "ACTIVE",
      statusChanged: at,
      passwordChanged: null,
      syncState: "DISABLED",
      credentials: { userName: direct?.userName ?? user.profile.login },
      profile: direct?.profile ?? {},
      _links: {
        app: this.link(`/api/v1/apps/${appId}`),
        user: this.link(`/api/v1/users/${user.id}`),
      },
    };
  }

  appGroupJson(app: AppRecord, groupId: string, record: AppGroupRecord): Json {
    return {
      id: groupId,
      lastUpdated: record.lastUpdated,
      priority: record.priority,
      profile: record.profile,
      _links: {
        app: this.link(`/api/v1/apps/${String(app.app.id)}`),
        group: this.link(`/api/v1/groups/${groupId}`),
      },
    };
  }

  private accessPolicy(name: string, system: boolean, priority: number): Json {
    const id = this.idFor("policy");
    const at = this.now();
    return {
      id,
      type: "ACCESS_POLICY",
      name,
      description: system ? "The default app sign-on policy" : "Requires two factors",
      status: "ACTIVE",
      system,
      priority,
      created: at,
      lastUpdated: at,
      conditions: null,
      _links: {
        self: this.link(`/api/v1/policies/${id}`),
        rules: this.link(`/api/v1/policies/${id}/rules`),
      },
    };
  }

  private seedAuthServer(s: SeedAuthServer): void {
    const id = s.id ?? this.idFor("server");
    const at = this.now();
    const server: Json = {
      id,
      name: s.name,
      description: s.description ?? "",
      audiences: [...s.audiences],
      issuerMode: "ORG_URL",
      status: "ACTIVE",
      created: at,
      lastUpdated: at,
      credentials: {
        signing: {
          kid: `fake-kid-${id}`,
          rotationMode: "AUTO",
          lastRotated: at,
          nextRotation: new Date(Date.now() + 90 * 86_400_000).toISOString(),
          use: "sig",
        },
      },
    };
    const record: AuthServerRecord = { server, policies: new Map() };
    this.authServers.set(id, record);
    if (s.withDefaultPolicy) {
      const policyId = this.idFor("policy");
      const ruleId = this.idFor("rule");
      const rule: Json = {
        id: ruleId,
        name: "Default Policy Rule",
        status: "ACTIVE",
        priority: 1,
        system: false,
        type: "RESOURCE_ACCESS",
        created: at,
        lastUpdated: at,
        conditions: {
          people: { users: { include: [], exclude: [] }, groups: { include: ["EVERYONE"] } },
          grantTypes: {
            include: [
              "implicit",
              "client_credentials",
              "authorization_code",
              "password",
              "urn:ietf:params:oauth:grant-type:device_code",
            ],
          },
          scopes: { include: ["*"] },
        },
        actions: {
          token: {
            accessTokenLifetimeMinutes: 60,
            refreshTokenLifetimeMinutes: 0,
            refreshTokenWindowMinutes: 10080,
          },
        },
      };
      record.policies.set(policyId, {
        policy: {
          id: policyId,
          type: "OAUTH_AUTHORIZATION_POLICY",
          name: "Default Policy",
          description: "Default policy description",
          status: "ACTIVE",
          priority: 1,
          system: false,
          created: at,
          lastUpdated: at,
          conditions: { clients: { include: ["ALL_CLIENTS"] } },
        },
        rules: new Map([[ruleId, rule]]),
      });
    }
  }

  private seedApp(a: SeedApp): void {
    const id = a.id ?? this.idFor("app");
    const at = this.now();
    const clientSecret = this.newSecret();
    const record: AppRecord = {
      app: {
        id,
        name: "oidc_client",
        label: a.label,
        status: a.status ?? "ACTIVE",
        created: at,
        lastUpdated: at,
        signOnMode: "OPENID_CONNECT",
        accessibility: { selfService: false },
        visibility: { autoSubmitToolbar: false, hide: { iOS: true, web: true } },
        features: [],
        credentials: {
          // Okta's literal expression text, not a JS template.
          userNameTemplate: { template: USERNAME_TEMPLATE, type: "BUILT_IN" },
          signing: { kid: `fake-kid-${id}` },
          oauthClient: {
            autoKeyRotation: true,
            client_id: a.clientId ?? id,
            token_endpoint_auth_method: "client_secret_basic",
            pkce_required: true,
          },
        },
        settings: {
          app: {},
          implicitAssignment: false,
          notifications: { vpn: { network: { connection: "DISABLED" } } },
          oauthClient: {
            redirect_uris: a.redirectUris ?? [],
            post_logout_redirect_uris: [],
            response_types: ["code"],
            grant_types: ["authorization_code"],
            application_type: "web",
            consent_method: "TRUSTED",
            issuer_mode: "ORG_URL",
            wildcard_redirect: "DISABLED",
          },
        },
      },
      clientSecret,
      users: new Map(),
      groups: new Map(),
      accessPolicyId: undefined,
      idTokenSettings: undefined,
    };
    for (const login of a.users ?? []) {
      const user = this.findUser(login);
      if (!user) throw new Error(`seed: app ${a.label} user ${login} is not a seeded user`);
      record.users.set(user.id, {
        created: at,
        lastUpdated: at,
        userName: user.profile.login,
        profile: {},
      });
    }
    let priority = 0;
    for (const name of a.groups ?? []) {
      const group = this.findGroupByName(name);
      if (!group) throw new Error(`seed: app ${a.label} group ${name} is not a seeded group`);
      record.groups.set(group.id, { lastUpdated: at, priority, profile: {} });
      priority += 1;
    }
    this.apps.set(id, record);
  }
}
