// The interface's language: French by default, English on request (Réglages). Every word of the interface comes
// from one table per language (fr.ts, en.ts); components read them through `t()`, which is reactive, so a change
// of language redraws every screen at once. The choice is this computer's, kept with the window's own storage
// (not in the books).
import { en } from "./en";
import { fr, type Messages } from "./fr";

export type Language = "fr" | "en";
export const LANGUAGES: Language[] = ["fr", "en"];
const TABLES: Record<Language, Messages> = { fr, en };
const KEY = "tact.language";

function stored(): Language {
  try {
    return globalThis.localStorage?.getItem(KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}

export const i18n = $state<{ language: Language }>({ language: stored() });

/** The words of the interface in the chosen language. */
export function t(): Messages {
  return TABLES[i18n.language];
}

/** The words of a given language (tests, the language picker). */
export function messages(language: Language): Messages {
  return TABLES[language];
}

export function setLanguage(language: Language): void {
  i18n.language = language;
  try {
    globalThis.localStorage?.setItem(KEY, language);
  } catch {
    // A window without storage keeps the choice until it closes.
  }
  if (typeof document !== "undefined") document.documentElement.lang = language;
}
