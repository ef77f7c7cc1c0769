import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.slow.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One module graph per worker instead of one per test file: effect, multiformats and the
    // noble curves are evaluated once per worker, which cuts the import phase from ~54 s to ~8 s.
    // Tests must not rely on fresh module state (none mocks modules or mutates shared globals).
    isolate: false
  }
})
