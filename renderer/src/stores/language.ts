import { create } from 'zustand';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, languages, type Language } from '../i18n/catalog.ts';

// The language is the admin's preference, not personal data, so it is remembered across starts.
const STORAGE_KEY = 'msc.language';
const StoredLanguage = z.enum(languages);

function readStored(): Language {
  try {
    const parsed = StoredLanguage.safeParse(window.localStorage.getItem(STORAGE_KEY));
    return parsed.success ? parsed.data : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useLanguageStore = create<LanguageState>()((set) => ({
  language: readStored(),
  setLanguage(language) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Storage can be unavailable; the choice then lasts for this session.
    }
    set({ language });
  },
}));

export const useLanguage = () => useLanguageStore((state) => state.language);
export const useSetLanguage = () => useLanguageStore((state) => state.setLanguage);
