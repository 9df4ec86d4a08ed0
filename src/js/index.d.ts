import type { ChangeListener, Choice, ChoiceChange, ChoiceChanges, ConsentBanner } from "./consent_banner.js";

export type { ChangeListener, Choice, ChoiceChange, ChoiceChanges, ConsentBanner };

declare global {
  interface DocumentEventMap {
    /** The API object is published as `window.consentBanner`. */
    "consent-banner:ready": CustomEvent<ConsentBanner>;
    /** After every change: the change (`null` after `reset()`). */
    "consent-banner:change": CustomEvent<ChoiceChange | null>;
  }
}

/** One thing the page did that the visitor's choice at that moment did not allow (audit mode). */
export interface AuditFinding {
  kind: "request" | "cookie" | "localStorage" | "sessionStorage";
  /** The request's host, or the cookie's or key's name. */
  name: string;
  /** The request's URL (the first one to its host). */
  url?: string;
  /** When it was made or first seen, in ms since navigation start. */
  time: number;
  /** The service (or category) it belongs to, or "undeclared". */
  owner: string;
  /** The owner's category; absent when undeclared. */
  category?: string;
}

declare module "./consent_banner.js" {
  interface ConsentBanner {
    /** With config `audit`, once the audit has started: every finding so far. */
    audit?(): AuditFinding[];
  }
}

/** A declared cookie, or a family of cookies with `*` in the name. */
export interface CookieDeclaration {
  name: string;
  provider: string;
  purpose: string;
  expiry: string;
}

/**
 * A service inside a category: a built-in one by id (`{ id: "youtube" }`; fields it leaves out are
 * the built-in ones), or a new one (label required).
 */
export interface ServiceConfig {
  id: string;
  label?: string;
  /** Who provides it (default: its label). */
  provider?: string;
  /** Host names it loads from, lowercase (`vimeo.com`); each covers its subdomains. */
  hosts?: string[];
  cookies?: CookieDeclaration[];
}

/** A category to change (by id) or add (label and description required). */
export interface CategoryConfig {
  id: string;
  label?: string;
  description?: string;
  /** The cookies it sets itself; replaces the built-in list (its services declare theirs). */
  cookies?: CookieDeclaration[];
  /** Its services; replaces the built-in list (`[]`: none). */
  services?: ServiceConfig[];
  /**
   * `"consent"` (the default): used only after the visitor agrees. `"objection"`: used until the
   * visitor objects (the UK's statistics and appearance exceptions; README, "UK exceptions").
   * Not for `necessary`.
   */
  basis?: "consent" | "objection";
  /**
   * Whether Global Privacy Control covers it: with the signal it stays refused unless the visitor
   * turns it on, and the banner and settings form say so. Default: true for `analytics` and
   * `marketing`, false for the others.
   */
  gpc?: boolean;
  /** The revision in which its description last changed: earlier answers lose its cookies. */
  changedIn?: number;
}

/** Google Consent Mode v2 types. */
export type ConsentType =
  | "ad_storage"
  | "ad_user_data"
  | "ad_personalization"
  | "analytics_storage"
  | "functionality_storage"
  | "personalization_storage"
  | "security_storage";

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
  /** Language of the texts (`en`, `cy` built in); default: the page's `<html lang>`. */
  language?: string;
  /** Google Consent Mode v2 (default "auto": when the page uses Google's tags). */
  consentMode?: boolean | "auto";
  /** Consent types and the space-separated categories or services each needs ("" = always denied). */
  consentTypes?: Partial<Record<ConsentType, string>>;
  /** Where each choice's JSON receipt is sent (navigator.sendBeacon, text/plain). */
  receiptUrl?: string;
  /** Put a random consent id in receipts (default false). */
  consentId?: boolean;
  /** Share the choice with every subdomain of this domain. */
  cookieDomain?: string;
  /** Warn in the console about cookies no category declares (development). */
  warnUndeclaredCookies?: boolean;
  /**
   * Audit mode (README, "Check your site"): report what the visitor's choice does not allow.
   * The drop-in's only: with this package, the console says the audit cannot start.
   */
  audit?: boolean;
  /**
   * The look (docs/themes.md): "auto" (default) takes NHS.UK frontend's or GOV.UK Frontend's
   * where the page uses it; "nhs" or "govuk" chooses. CSS custom properties (`--cb-*`) win over both.
   */
  theme?: "auto" | "nhs" | "govuk";
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

/** Starts the banner (once) and resolves to its API; `null` where there is no window. */
export function init(config?: ConsentConfig): Promise<ConsentBanner | null>;
export default init;

/** A problem in a config, as the component reports it in the browser's console. */
export interface ConfigProblem {
  /** The field at fault, such as `categories[1].label`; `""` for the config as a whole. */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/**
 * Checks a config as the component would, in Node (no window needed) or in the browser, starting
 * nothing. Resolves to every problem found; an empty list for a good config. `config` is an
 * object, as `init()` takes (`undefined` or `null`: the defaults), or JSON text, as a
 * `data-config` file holds (text that is not JSON is one problem, with path `""`).
 */
export function validate(config: unknown): Promise<ConfigProblem[]>;
