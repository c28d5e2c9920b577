import { useEffect } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { useLanguage } from '../stores/language.ts';
import type { createConsoleRouter } from './router.ts';

/** The providers every screen needs: server data, the language, and the router. */
export function ConsoleApp({ queryClient, i18n, router }: { queryClient: QueryClient; i18n: i18n; router: ReturnType<typeof createConsoleRouter> }) {
  const language = useLanguage();
  useEffect(() => {
    // react-i18next re-renders every translated component on the change.
    void i18n.changeLanguage(language);
    // <html lang> follows the choice, so screen readers pronounce the words right (WCAG 3.1.1).
    document.documentElement.lang = language;
  }, [i18n, language]);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <RouterProvider router={router} />
      </I18nextProvider>
    </QueryClientProvider>
  );
}
