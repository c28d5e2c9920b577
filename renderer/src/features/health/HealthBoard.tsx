import { useEffect } from 'react';
import { useHealthLoaded, useHealthStore, useIntegrations } from '../../stores/health.ts';
import { useSession } from '../../stores/session.ts';
import { IntegrationCard } from './IntegrationCard.tsx';

export function HealthBoard() {
  const integrations = useIntegrations();
  const loaded = useHealthLoaded();
  const load = useHealthStore((state) => state.load);
  const admin = useSession()?.admin;

  // Re-read whenever the acting admin changes: row-level security decides what comes back.
  useEffect(() => {
    void load();
  }, [load, admin?.userId]);

  return (
    <section aria-labelledby="health-heading" className="health-board">
      <h2 id="health-heading">Sync health</h2>
      {loaded && integrations.length === 0 ? <p className="empty">No integrations are set up for your organizations yet.</p> : null}
      <div className="cards">
        {integrations.map((integration) => (
          <IntegrationCard key={integration.integrationId} integration={integration} />
        ))}
      </div>
    </section>
  );
}
