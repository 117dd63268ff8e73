/**
 * The pages of the app and who may see them. Every page is its own lazily loaded chunk, so the
 * sign-in page never downloads the editor.
 */
import { lazy, type Component } from 'solid-js';
import type { Access } from './guard';

export interface RouteDef {
  name: string;
  pattern: RegExp;
  access: Access;
  page: Component<{ params: string[] }>;
}

export const routes: RouteDef[] = [
  { name: 'sign-in', pattern: /^\/sign-in$/, access: 'public', page: lazy(() => import('../pages/SignInPage')) },
  { name: 'setup', pattern: /^\/setup$/, access: 'public', page: lazy(() => import('../pages/SetupPage')) },
  { name: 'documents', pattern: /^\/$/, access: 'signed-in', page: lazy(() => import('../pages/DocumentsPage')) },
  { name: 'document', pattern: /^\/documents\/([0-9a-fA-F-]{36})$/, access: 'signed-in', page: lazy(() => import('../pages/DocumentPage')) },
  { name: 'signatures', pattern: /^\/signatures$/, access: 'signed-in', page: lazy(() => import('../signatures/SignaturesPage')) },
  { name: 'search', pattern: /^\/search$/, access: 'signed-in', page: lazy(() => import('../search/SearchPage')) },
  { name: 'dossiers', pattern: /^\/dossiers$/, access: 'signed-in', page: lazy(() => import('../dossiers/DossiersPage')) },
  { name: 'dossier-plan', pattern: /^\/dossiers\/plan$/, access: 'signed-in', page: lazy(() => import('../dossiers/PlanPage')) },
  { name: 'dossier', pattern: /^\/dossiers\/([0-9a-fA-F-]{36})$/, access: 'signed-in', page: lazy(() => import('../dossiers/DossierPage')) },
  { name: 'consultations', pattern: /^\/consultations$/, access: 'signed-in', page: lazy(() => import('../rounds/ConsultationsPage')) },
  { name: 'audit', pattern: /^\/audit$/, access: 'signed-in', page: lazy(() => import('../audit/AuditPage')) },
  { name: 'admin', pattern: /^\/admin(?:\/(departments|users|agency|keys))?$/, access: 'admin', page: lazy(() => import('../pages/AdminPage')) },
];

export function match(pathname: string) {
  for (const def of routes) {
    const found = def.pattern.exec(pathname);
    if (found) return { def, params: found.slice(1).map((p) => p ?? '') };
  }
  return null;
}
