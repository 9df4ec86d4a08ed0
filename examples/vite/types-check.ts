// Type-checked only (`tsc --noEmit`), never built: what the package's types refuse. Each
// `@ts-expect-error` fails the check if its line is accepted, so these prove that `tsc` sees the
// real index.d.ts and not an untyped module.
import { init, validate, type ConfigProblem, type ConsentBanner } from "consent-banner";

// @ts-expect-error siteName is a string
void init({ siteName: 1 });
// @ts-expect-error unknown config fields are refused
void init({ siteName: "Vite Example", colour: "red" });

export async function mustCheckForNull(): Promise<void> {
  const banner = await init();
  // @ts-expect-error init() resolves to null where there is no window
  banner.acceptAll();
  banner?.set({ analytics: true });
  // @ts-expect-error get() is null before any choice
  void banner?.get().analytics;
  // @ts-expect-error answers are booleans
  banner?.set({ analytics: "yes" });
  // A choice reads as booleans: each category, and each service in `services`.
  const choice = banner?.get();
  if (choice) {
    const analytics: boolean = choice.analytics;
    const youtube: boolean = choice.services.youtube;
    const answers: [string, boolean][] = Object.entries(choice.services);
    void [analytics, youtube, answers];
    // @ts-expect-error `services` is an object of answers, not one answer
    const wrong: boolean = choice.services;
    void wrong;
  }
  banner?.set({ analytics: false, services: { youtube: true, "google-analytics": true } });
  // @ts-expect-error a service's answer is a boolean
  banner?.set({ services: { youtube: "yes" } });
  // @ts-expect-error `services` is an object of answers
  banner?.set({ services: true });
  // @ts-expect-error the only event is "change"
  banner?.on("click", () => {});
  // @ts-expect-error a listener gets the choice or null, not a string
  banner?.on("change", (choice: string) => choice);
}

// The config fields of issue 4 are typed too.
void init({
  language: "cy",
  consentMode: "auto",
  consentTypes: { analytics_storage: "analytics" },
  receiptUrl: "/consent-receipts",
  consentId: true,
  cookieDomain: "example.gov.uk",
  warnUndeclaredCookies: true,
  categories: [{ id: "analytics", gpc: true, changedIn: 0 }],
});
// @ts-expect-error Consent Mode is true, false or "auto"
void init({ consentMode: "always" });
// @ts-expect-error not a Consent Mode type
void init({ consentTypes: { ads_storage: "analytics" } });

// A site learns that a withdrawal needs a reload, and decides (API calls never reload).
export function reloadWhenNeeded(banner: ConsentBanner): void {
  const needed: boolean = banner.reloadNeeded();
  if (needed) location.reload();
  document.addEventListener("consent-banner:change", (event) => {
    if (event.detail?.reloadNeeded) location.reload();
  });
  banner.on("change", (change) => change?.reloadNeeded);
  // @ts-expect-error the detail is null after reset()
  document.addEventListener("consent-banner:change", (event) => event.detail.reloadNeeded);
  // @ts-expect-error reloadNeeded is a boolean
  banner.on("change", (change) => change?.reloadNeeded.length);
}

export async function problemsAreListed(): Promise<void> {
  const problems: ConfigProblem[] = await validate({ siteName: "Vite Example" });
  const lines: string[] = problems.map(({ path, message }) => `${path}: ${message}`);
  void lines;
  // JSON text is checked too, as a data-config file holds it.
  void validate("{}");
  // @ts-expect-error validate() resolves to a list of problems, not one
  void (await validate({})).message;
}
