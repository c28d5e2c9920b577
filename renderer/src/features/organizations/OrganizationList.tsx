import { useOrganizations, useSession } from '../../stores/session.ts';

export function OrganizationList() {
  const organizations = useOrganizations();
  const admin = useSession()?.admin;
  return (
    <nav aria-labelledby="orgs-heading" className="organization-list">
      <h2 id="orgs-heading">{admin?.isGlobal ? 'All organizations' : 'Your organizations'}</h2>
      <ul data-testid="organization-list">
        {organizations.map((organization) => (
          <li key={organization.id}>{organization.name}</li>
        ))}
      </ul>
    </nav>
  );
}
