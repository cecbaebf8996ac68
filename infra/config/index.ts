export { KEYS, PROJECT } from "./keys";
export { loadConfig, readRawConfig } from "./load";
export { ConfigError, type Problem } from "./problems";
export { sameEmail, type UserSpec } from "./users";
export {
  type AuthorizationServer,
  type GrantType,
  parseConfig,
  type RawConfig,
  type StackConfig,
  validateConfig,
} from "./validate";
