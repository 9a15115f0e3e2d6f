/**
 * Server credentials in VS Code's SecretStorage, never in settings or logs. They are stored
 * under the server's name, kind and URL together, so a server whose URL is changed in the
 * settings does not receive the credentials meant for the old one.
 */
import * as vscode from 'vscode';
import { credentialsFromText, credentialsToText, type Credentials } from '../servers/credentials';
import { serverLabel } from '../servers/server-errors';
import type { ServerConfig } from '../servers/server-config';

function secretKey(server: ServerConfig): string {
  return `goProfiler.server.credentials:${JSON.stringify([server.name, server.kind, server.url])}`;
}

export class ServerCredentials {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(server: ServerConfig): Promise<Credentials | undefined> {
    return credentialsFromText(await this.secrets.get(secretKey(server)));
  }

  async forget(server: ServerConfig): Promise<void> {
    await this.secrets.delete(secretKey(server));
  }

  /** Asks for a token or a user and password and stores them; undefined when the user gives up. */
  async ask(server: ServerConfig, why?: string): Promise<Credentials | undefined> {
    const title = `Credentials for ${serverLabel(server)}`;
    const kind = await vscode.window.showQuickPick(
      [
        { label: 'Bearer token', value: 'bearer' as const },
        { label: 'User and password (basic auth)', value: 'basic' as const },
        { label: 'No credentials', description: 'forget the stored ones', value: 'none' as const },
      ],
      { title, placeHolder: why ?? 'How does this server authenticate?' },
    );
    if (!kind) return undefined;
    if (kind.value === 'none') {
      await this.forget(server);
      return undefined;
    }
    let credentials: Credentials;
    if (kind.value === 'bearer') {
      const token = await vscode.window.showInputBox({ title, prompt: 'Token (kept in VS Code\'s secret storage)', password: true, ignoreFocusOut: true });
      if (!token) return undefined;
      credentials = { kind: 'bearer', token };
    } else {
      const user = await vscode.window.showInputBox({ title, prompt: 'User', ignoreFocusOut: true });
      if (!user) return undefined;
      const password = await vscode.window.showInputBox({ title, prompt: `Password of ${user} (kept in VS Code's secret storage)`, password: true, ignoreFocusOut: true });
      if (password === undefined) return undefined;
      credentials = { kind: 'basic', user, password };
    }
    await this.secrets.store(secretKey(server), credentialsToText(credentials));
    return credentials;
  }
}
