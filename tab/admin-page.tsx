// The admin console (admins only; the /api/tab/admin/* routes decide): links, CSV import, the mapping
// profile and sync health, each a section of its own. (About 5 KB gzip, so it is not split out.)
import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from './api';
import { AdminHealth } from './admin-health';
import { AdminImport } from './admin-import';
import { AdminLinks } from './admin-links';
import { AdminMapping } from './admin-mapping';

type Section = 'links' | 'import' | 'mapping' | 'health';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function AdminPage({ api }: { readonly api: Api }) {
  const styles = useStyles();
  const [section, setSection] = useState<Section>('links');
  return (
    <section className={styles.root} aria-label="Admin console">
      <TabList
        size="small"
        selectedValue={section}
        onTabSelect={(_, d) => setSection(d.value as Section)}
        aria-label="Admin sections"
      >
        <Tab value="links">Links</Tab>
        <Tab value="import">Import CSV</Tab>
        <Tab value="mapping">Mapping</Tab>
        <Tab value="health">Sync health</Tab>
      </TabList>
      {section === 'links' ? <AdminLinks api={api} /> : null}
      {section === 'import' ? <AdminImport api={api} /> : null}
      {section === 'mapping' ? <AdminMapping api={api} /> : null}
      {section === 'health' ? <AdminHealth api={api} /> : null}
    </section>
  );
}
