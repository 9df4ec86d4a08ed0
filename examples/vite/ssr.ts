// The server entry (`vite build --ssr`): the same import with no window. init() resolves to null
// and touches nothing, so a server-rendered page can import the component unconditionally.
import { init, type ConsentBanner } from "consent-banner";
import config from "./consent-config.json";

export async function render(): Promise<{ banner: ConsentBanner | null; html: string }> {
  const banner = await init(config);
  const html = `<p>Analytics cookies: <output id="analytics-choice">no choice yet</output></p>`;
  return { banner, html };
}
