import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// Node's types are not a dependency just for this one variable.
declare const process: { env: Record<string, string | undefined> };

// The dev server proxies the planflow API so the browser sees one origin,
// which the server's cookie (SameSite=Strict) and Origin check both need.
const backend = process.env.PLANFLOW_URL ?? "http://127.0.0.1:8099";

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
  },
  server: {
    proxy: {
      "/login": backend,
      "/logout": backend,
      "/me": backend,
      "/ws": { target: backend.replace(/^http/, "ws"), ws: true },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
