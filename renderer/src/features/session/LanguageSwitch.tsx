import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../i18n/catalog.ts';
import { useLanguage, useSetLanguage } from '../../stores/language.ts';

export function LanguageSwitch() {
  const language = useLanguage();
  const setLanguage = useSetLanguage();
  const { t } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        {languages.map((code) => (
          // Each language is named in itself, so anyone can find their own.
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
