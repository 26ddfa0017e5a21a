import i18next, { type TOptions } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import nl from './nl.json';

/** The languages Podium speaks; every visible string has a key in each (a test checks Dutch is complete). */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = { en: { translation: en }, nl: { translation: nl } } as const;

/** The browser's first language Podium speaks, else English. */
export function browserLanguage(languages: readonly string[] = navigator.languages): Language {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'nl') return base;
  }
  return 'en';
}

/** `?lang=nl` in the address wins (handy on a TV), then a stored choice, then the browser. */
export function initialLanguage(): Language {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'nl') return asked;
  return browserLanguage();
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
document.documentElement.lang = i18next.language;

/** The current language (a BCP 47 tag for Intl). */
export function currentLanguage(): Language {
  return i18next.language === 'nl' ? 'nl' : 'en';
}

/** Translate outside React (e.g. document titles). Components use {@link useT}. */
export function t(key: string, options?: TOptions): string {
  return i18next.t(key, options ?? {});
}

/** `const { t, lang } = useT()`: re-renders when the language changes. */
export function useT(): { t: (key: string, options?: TOptions) => string; lang: Language } {
  const { t: translate, i18n } = useTranslation();
  return { t: (key, options) => translate(key, options ?? {}), lang: i18n.language === 'nl' ? 'nl' : 'en' };
}

export { i18next };
