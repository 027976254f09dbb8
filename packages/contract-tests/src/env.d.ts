// Vite's import.meta.glob, typed here so the package needs no direct dependency on vite's types.
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { eager: true }): Record<string, T>;
}
