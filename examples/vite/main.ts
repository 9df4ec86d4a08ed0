// The browser entry: consent-banner from npm, resolved through its package.json `exports`.
import { init, type Choice, type ConsentBanner } from "consent-banner";
import "consent-banner/consent-banner.css";

const output = document.getElementById("analytics-choice");

function show(choice: Choice | null): void {
  if (output) output.textContent = choice === null ? "no choice yet" : choice.analytics ? "on" : "off";
}

const banner: ConsentBanner | null = await init({ siteName: "Vite Example" });
show(banner?.get() ?? null);
banner?.on("change", (choice) => show(choice));
