import type { ConsentBanner } from "./consent_banner.js";

export type { ConsentBanner };

/** A declared cookie, or a family of cookies with `*` in the name. */
export interface CookieDeclaration {
  name: string;
  provider: string;
  purpose: string;
  expiry: string;
}

/** A category to change (by id) or add (label and description required). */
export interface CategoryConfig {
  id: string;
  label?: string;
  description?: string;
  cookies?: CookieDeclaration[];
}

/** The config; every field is optional and unknown fields are refused. See the README. */
export interface ConsentConfig {
  siteName?: string;
  revision?: number;
  cookieDays?: number;
  settingsUrl?: string;
  policyUrl?: string;
  bannerCategories?: string[];
  reloadOnWithdraw?: boolean;
  categories?: CategoryConfig[];
  texts?: Record<string, string>;
  /** Show the consent banner (default true); false uses the toolbar on its own. */
  banner?: boolean;
  toolbar?: ToolbarConfig;
}

/** The accessibility toolbar. */
export interface ToolbarConfig {
  /** CSS selector of the elements it is drawn into (default `[data-a11y-toolbar]`). */
  target?: string;
  /** Google Translate code of the page's language (default `en`). */
  pageLanguage?: string;
  /** Languages offered, the page language included (default English and Cymraeg). */
  languages?: { code: string; name: string }[];
  /** Offer "Translate this page" (default true). */
  translate?: boolean;
}

/** The visitor's choice: each category and whether it is granted. */
export type Choice = { necessary: true } & Record<string, boolean>;

/** Starts the banner (once) and resolves to its API; `null` where there is no window. */
export function init(config?: ConsentConfig): Promise<ConsentBanner | null>;
export default init;
