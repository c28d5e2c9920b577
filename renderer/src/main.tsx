import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './app/ConsoleApp.tsx';
import { createQueryClient } from './app/query-client.ts';
import { createConsoleRouter } from './app/router.ts';
import { createI18n } from './i18n/i18n.ts';
import { useLanguageStore } from './stores/language.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ConsoleApp queryClient={createQueryClient()} i18n={createI18n(useLanguageStore.getState().language)} router={createConsoleRouter()} />
  </StrictMode>,
);
