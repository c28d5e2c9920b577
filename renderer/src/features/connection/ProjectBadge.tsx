import { useTranslation } from 'react-i18next';
import type { ConsoleStatus } from '../../../../shared/contract/console.ts';
import { Button } from '../../ui/Button.tsx';
import { useStatusChange } from './queries.ts';

/** The project's host, without the scheme: what admins recognise (`abcd1234.supabase.co`). */
const hostOf = (url: string) => url.replace(/^https?:\/\//, '');

/** In a Supabase project: which project, who is signed in, and the way out. */
export function ProjectBadge({ project }: { project: NonNullable<ConsoleStatus['project']> }) {
  const { t } = useTranslation('connection');
  const signOut = useStatusChange('console.signOut');
  return (
    <div className="project-badge" role="group" aria-label={t('badge.label')} data-testid="project-badge">
      <span className="mode-badge" title={project.url}>
        {hostOf(project.url)}
      </span>
      {project.signedInAs ? (
        <>
          <span data-testid="signed-in-as">{t('badge.signedInAs', { email: project.signedInAs })}</span>
          <Button variant="link" className="topbar-link" busy={signOut.isPending} onClick={() => signOut.mutate({})} data-testid="sign-out">
            {t('badge.signOut')}
          </Button>
        </>
      ) : null}
    </div>
  );
}
