/** Action1 API object shapes the project uses (subset of Action1's OpenAPI 3.1 document). */

export type YesNo = "yes" | "no";

export interface Action1User {
  id: string;
  type?: string;
  self?: string;
  email: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  timezone?: string;
  session_timeout?: number;
  password?: string;
  enabled: YesNo;
  user_type: "Interactive" | "API";
  /** GET only: `Action1` for password users, or the SSO provider (`Okta`, ...). */
  identity_provider?: string;
  email_verified?: YesNo;
  system_role?: string;
  roles?: string;
  impersonating?: YesNo;
}

/** Body of `POST /users` (password user, SSO user or API credential). */
export interface Action1UserCreate {
  email: string;
  password?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  timezone?: string;
  session_timeout?: number;
  enabled?: YesNo;
  user_type?: "Interactive" | "API";
}

/** Body of `PATCH /users/{id}`: only the changed fields. */
export type Action1UserPatch = Partial<Omit<Action1UserCreate, "user_type">>;

export interface Action1Role {
  id: string;
  type?: string;
  self?: string;
  name: string;
  description?: string;
  object_types?: string[];
  users?: number;
}

export interface Action1SettingScope {
  type: "Enterprise" | "Organization" | "Group";
  object: string;
}

export interface Action1Setting {
  id: string;
  type?: string;
  self?: string;
  template_id: string;
  name?: string;
  description?: string;
  value_type?: string;
  value: string;
  scope: Action1SettingScope[];
}

export interface Action1SettingCreate {
  template_id: string;
  value: string;
  scope: Action1SettingScope[];
}

export interface Action1SettingPatch {
  value?: string;
  scope?: Action1SettingScope[];
}

export interface Action1SettingTemplate {
  id: string;
  type?: string;
  self?: string;
  name?: string;
  description?: string;
  default_value?: string;
  value_pattern?: string;
  value_pattern_description?: string;
  value_type?: string;
  available_scopes?: string[];
  category?: string;
  applicable_for?: string[];
}

export interface Action1Enterprise {
  id: string;
  type?: string;
  self?: string;
  name?: string;
  description?: string;
  verified?: string;
}

export interface Action1Success {
  id: string;
  type: "Success";
  status: number;
  developer_message?: string;
  user_message?: string;
}

/** A page as Action1 sends it (`ResultPage` or `ResultPageAbridged`). */
export interface Action1Page<T> {
  items?: T[];
  total_items?: number | string;
  limit?: number | string;
  from?: number | string;
  next_page?: string;
  prev_page?: string;
}

export type SettingCategory =
  | "remote_desktop"
  | "custom_branding"
  | "sla"
  | "sso"
  | "software_repository";
