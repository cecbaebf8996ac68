/** Two projects: fast unit tests (no engine) and end-to-end tests that drive the real CLI. */
const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  // Transpile only (tsconfig sets isolatedModules): `npm run typecheck` is the type check.
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/tests/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/tests/e2e/"],
    },
    {
      ...common,
      displayName: "e2e",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
    },
  ],
};
