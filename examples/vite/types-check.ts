// Type-checked only (`tsc --noEmit`), never built: what the package's types refuse. Each
// `@ts-expect-error` fails the check if its line is accepted, so these prove that `tsc` sees the
// real index.d.ts and not an untyped module.
import { init } from "consent-banner";

// @ts-expect-error siteName is a string
void init({ siteName: 1 });
// @ts-expect-error unknown config fields are refused
void init({ siteName: "Vite Example", colour: "red" });

export async function mustCheckForNull(): Promise<void> {
  const banner = await init();
  // @ts-expect-error init() resolves to null where there is no window
  banner.acceptAll();
  banner?.set({ analytics: true });
}
