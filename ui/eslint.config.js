import js from "@eslint/js";
import ts from "typescript-eslint";
import svelte from "eslint-plugin-svelte";
import globals from "globals";

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // One module talks to the backend (src/lib/api.ts); nothing else imports @tauri-apps.
      "no-restricted-imports": ["error", { patterns: [{ group: ["@tauri-apps/*"], message: "Passez par src/lib/api.ts." }] }],
    },
  },
  {
    // Tests mock the backend with @tauri-apps/api/mocks.
    files: ["src/lib/api.ts", "src/**/*.test.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: [".svelte"] } },
  },
  {
    // The interface's own checks run under Node.
    files: ["scripts/**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
  { ignores: ["dist/", "node_modules/", "src/lib/generated/"] },
);
