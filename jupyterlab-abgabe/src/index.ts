/**
 * "Abgeben und prüfen": saves the open notebook, uploads it to the course's `autograder serve`
 * and opens the answer (queue page, then feedback) in a new tab.
 *
 * The upload is an ordinary form POST to `<serviceUrl>/abgabe` in a new tab, the same request as
 * the service's own upload form: the service's sign-in cookie goes with it (the service and
 * JupyterLab are on the same site), so the student is who the service says, and nothing here
 * holds a credential. The assignment is the notebook's file name (`<aid>.ipynb`, as released).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

const PLUGIN_ID = '@dl-autograder/abgabe:plugin';
const COMMAND = 'dl-autograder:abgeben';

/** The assignment id and file name the service expects, from the notebook's path. */
export function assignmentOf(path: string): { aid: string; name: string } {
  const name = path.split('/').pop() || path;
  return { aid: name.replace(/\.ipynb$/, ''), name };
}

/** POST the notebook as the service's upload form does, answered in the tab named ``target``. */
function postToService(
  serviceUrl: string,
  aid: string,
  name: string,
  content: string,
  target: string
): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.enctype = 'multipart/form-data';
  form.action = serviceUrl.replace(/\/+$/, '') + '/abgabe';
  form.target = target;
  form.style.display = 'none';
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'aid';
  field.value = aid;
  const file = document.createElement('input');
  file.type = 'file';
  file.name = 'file';
  const files = new DataTransfer();
  files.items.add(new File([content], name, { type: 'application/x-ipynb+json' }));
  file.files = files.files;
  form.append(field, file);
  document.body.appendChild(form);
  form.submit();
  form.remove();
}

async function submit(panel: NotebookPanel, serviceUrl: Promise<string>): Promise<void> {
  // The answer's tab opens now, while the click still counts as the student's own gesture: a tab
  // opened only after the settings and the save (seconds on a busy server) would be stopped by
  // the popup blocker.
  const target = `abgabe-${Date.now()}`;
  const answer = window.open('about:blank', target);
  try {
    const url = await serviceUrl; // a click right after JupyterLab starts waits for the settings
    if (!url) {
      answer?.close();
      await showErrorMessage(
        'Abgeben und prüfen',
        'Die Adresse des Rückmeldedienstes ist nicht eingestellt. Bitte wenden Sie sich an die Lehrenden.'
      );
      return;
    }
    await panel.context.ready;
    await panel.context.save();
    const { aid, name } = assignmentOf(panel.context.path);
    const content = JSON.stringify(panel.context.model.toJSON(), null, 1);
    postToService(url, aid, name, content, answer ? target : '_blank');
  } catch (error) {
    answer?.close();
    throw error;
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Abgeben und prüfen: the open notebook to autograder serve',
  autoStart: true,
  requires: [INotebookTracker, ISettingRegistry],
  optional: [ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    registry: ISettingRegistry,
    palette: ICommandPalette | null
  ) => {
    let serviceUrl = '';
    const settingsLoaded = registry.load(PLUGIN_ID).then(settings => {
      const read = () => {
        serviceUrl = String(settings.get('serviceUrl').composite || '');
      };
      read();
      settings.changed.connect(read);
    });
    app.commands.addCommand(COMMAND, {
      label: 'Abgeben und prüfen',
      caption: 'Notebook speichern, beim Rückmeldedienst abgeben und die Rückmeldung öffnen',
      isEnabled: () => tracker.currentWidget !== null,
      execute: () =>
        tracker.currentWidget
          ? submit(
              tracker.currentWidget,
              settingsLoaded.then(() => serviceUrl)
            )
          : undefined
    });
    palette?.addItem({ command: COMMAND, category: 'Notebook' });
  }
};

export default plugin;
