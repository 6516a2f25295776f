import { defineConfig } from "vite";

// The app is served from disk by Tauri: no dev server, no remote origins.
export default defineConfig({
  clearScreen: false,
  build: { target: "safari15", outDir: "dist", emptyOutDir: true },
  test: { environment: "happy-dom", include: ["src/**/*.test.ts"] },
} as never);
