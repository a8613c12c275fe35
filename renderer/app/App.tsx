import { useEffect, useState } from 'react';
import { archiveFromLocation, connectFromLocation } from '../client/index.js';
import { useImport } from '../panels/open/index.js';
import { Shell } from './Shell.js';
import { useStudio } from './studioStore.js';
import { errorText } from './useCall.js';

/** Connects to the analysis service of whichever host serves the page, then shows the studio. */
export function App() {
  const client = useStudio((s) => s.client);
  const setClient = useStudio((s) => s.setClient);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    connectFromLocation().then(
      (connected) => {
        if (cancelled) {
          connected.close();
          return;
        }
        setClient(connected);
        // `chronoscope serve ARCHIVE` names the archive in the URL: open it straight away.
        const path = archiveFromLocation();
        if (path) void useImport.getState().open(connected, path, useStudio.getState().setArchive);
      },
      (error: unknown) => {
        if (!cancelled) setFailure(errorText(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [setClient]);

  if (failure)
    return (
      <div className="splash" role="alert">
        <h1>Chronoscope</h1>
        <p>Cannot reach the analysis service: {failure}</p>
      </div>
    );
  if (!client)
    return (
      <div className="splash">
        <h1>Chronoscope</h1>
        <p>Connecting to the analysis service…</p>
      </div>
    );
  return <Shell />;
}
