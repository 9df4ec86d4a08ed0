// The browser entry: consent-banner from npm, resolved through its package.json `exports`.
import { init, type Choice, type ConsentBanner } from "consent-banner";
import "consent-banner/consent-banner.css";
// The config, as a file: the build checks it first (`consent-banner check`, scripts/example.sh).
import config from "./consent-config.json";

const output = document.getElementById("analytics-choice");

function show(choice: Choice | null): void {
  if (output) output.textContent = choice === null ? "no choice yet" : choice.analytics ? "on" : "off";
}

const banner: ConsentBanner | null = await init(config);
show(banner?.get() ?? null);
banner?.on("change", (choice) => show(choice));
