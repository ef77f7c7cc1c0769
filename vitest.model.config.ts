import { defineConfig } from "vitest/config"

/** The slower model checks: the larger TLC configurations replayed by the TypeScript explorer. */
export default defineConfig({
  test: {
    include: ["test/**/*.slow.test.ts"],
    testTimeout: 1_800_000,
    pool: "forks"
  }
})
