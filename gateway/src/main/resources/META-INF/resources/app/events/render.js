// Each event rendered for what it is. Every text from the agent, the user, a tool or the sandbox goes in with
// textContent (through h()), never as HTML.
import {h, formatTime} from '../dom.js';
import {lineDiff} from './diff.js';

const BUILT_IN_TOOLS = new Set(['terminal', 'file_editor', 'task_tracker', 'think', 'finish', 'create_pull_request']);

/** The element of one event: an article with data-seq and data-kind, for readers and tests. */
export function renderEvent(event) {
  const payload = event.payload || {};
  const body = bodyOf(event.kind, payload, event);
  const role = roleOf(event);
  return h('article', {
    class: `event kind-${event.kind} source-${event.source}${role ? ' ' + role : ''}`,
    dataset: {seq: String(event.seq), kind: event.kind, id: event.id},
    'aria-label': `${label(event)} (#${event.seq})`,
  },
  h('header', {class: 'event-head'},
      h('span', {class: 'event-label'}, label(event)),
      h('time', {datetime: event.timestamp, class: 'event-time'}, formatTime(event.timestamp)),
      h('span', {class: 'event-seq', 'aria-hidden': 'true'}, '#' + event.seq)),
  body);
}

function roleOf(event) {
  if (event.kind === 'MessageEvent') return event.source === 'user' ? 'chat chat-user' : 'chat chat-agent';
  return '';
}

function label(event) {
  const p = event.payload || {};
  switch (event.kind) {
    case 'MessageEvent': return event.source === 'user' ? 'You' : 'Agent';
    case 'ActionEvent': return actionLabel(p.toolName);
    case 'ObservationEvent': return observationLabel(p.toolName);
    case 'UserRejectObservation': return 'Rejected';
    case 'AgentErrorEvent': return 'Error';
    case 'ConversationStateUpdateEvent': return p.status ? 'Status' : 'Usage';
    case 'SystemPromptEvent': return 'System prompt';
    case 'CondensationEvent': return 'Condensed history';
    case 'PauseEvent': return 'Paused';
    case 'SandboxStatusUpdateEvent': return 'Sandbox';
    case 'RepositoryClonedEvent': return 'Repository';
    case 'McpToolsEvent': return 'MCP tools';
    case 'SkillsLoadedEvent': return 'Skills';
    case 'BudgetNoticeEvent': return 'Budget';
    default: return event.kind;
  }
}

function actionLabel(tool) {
  switch (tool) {
    case 'terminal': return 'Command';
    case 'file_editor': return 'File edit';
    case 'task_tracker': return 'Task list';
    case 'think': return 'Thinking';
    case 'finish': return 'Finished';
    case 'create_pull_request': return 'Pull request';
    default: return 'MCP call: ' + tool;
  }
}

function observationLabel(tool) {
  switch (tool) {
    case 'terminal': return 'Output';
    case 'file_editor': return 'File result';
    case 'task_tracker': return 'Task list result';
    case 'think': return 'Thought noted';
    case 'finish': return 'Finish';
    case 'create_pull_request': return 'Pull request result';
    default: return 'MCP result: ' + tool;
  }
}

function bodyOf(kind, p, event) {
  switch (kind) {
    case 'MessageEvent':
      return h('div', {class: 'message-text'}, p.content,
          (p.activatedSkills || []).length ? h('small', {class: 'muted'}, ' skills: ' + p.activatedSkills.join(', ')) : null);
    case 'ActionEvent': return action(p);
    case 'ObservationEvent': return observation(p);
    case 'UserRejectObservation':
      return h('p', {}, `The ${p.toolName} call was rejected`, p.rejectionReason ? ': ' + p.rejectionReason : '.');
    case 'AgentErrorEvent':
      return h('p', {class: 'error-text', role: 'note'}, p.toolName ? `${p.toolName}: ` : '', p.error);
    case 'ConversationStateUpdateEvent':
      return h('p', {}, p.status ? h('span', {class: 'status status-' + p.status}, statusText(p.status)) : null,
          p.reason ? ' — ' + p.reason : '', p.metrics ? ' ' + usageText(p.metrics) : '');
    case 'SystemPromptEvent':
      return h('details', {}, h('summary', {}, `The agent's instructions and ${(p.tools || []).length} tools`),
          h('pre', {class: 'text'}, p.systemPrompt));
    case 'CondensationEvent':
      return h('div', {}, h('p', {}, `${(p.forgottenEventIds || []).length} earlier events summarized for the LLM.`),
          p.summary ? h('details', {}, h('summary', {}, 'Summary'), h('pre', {class: 'text'}, p.summary)) : null);
    case 'PauseEvent': return h('p', {}, 'The agent was paused.');
    case 'SandboxStatusUpdateEvent':
      return h('p', {}, h('span', {class: 'badge'}, p.status), p.detail ? ' ' + p.detail : '');
    case 'RepositoryClonedEvent':
      return h('p', {}, `Cloned ${p.repository}`, p.branch ? ` (${p.branch})` : '', p.commit ? ` at ${String(p.commit).slice(0, 12)}` : '');
    case 'McpToolsEvent':
      return h('div', {},
          h('p', {}, `${(p.tools || []).length} MCP tools: `, (p.tools || []).map((t) => t.name).join(', ')),
          (p.failures || []).map((f) => h('p', {class: 'error-text'}, `${f.server}: ${f.reason}`)));
    case 'SkillsLoadedEvent':
      return h('p', {}, (p.skills || []).map((s) => s.name).join(', ') || 'none',
          (p.skipped || []).length ? ` (${p.skipped.length} skipped)` : '');
    case 'BudgetNoticeEvent': return h('p', {}, `${p.model}: ${p.notice}`);
    default:
      return h('pre', {class: 'text'}, JSON.stringify(p, null, 2));
  }
}

export function statusText(status) {
  return String(status || '').replace(/_/g, ' ');
}

export function usageText(m) {
  if (!m) return '';
  const tokens = (m.promptTokens || 0) + (m.completionTokens || 0);
  return `${tokens.toLocaleString()} tokens (${(m.promptTokens || 0).toLocaleString()} in, `
      + `${(m.completionTokens || 0).toLocaleString()} out)` + (m.cost != null ? `, $${m.cost}` : ', cost not counted');
}

function riskBadge(p) {
  if (!p.securityRisk || p.securityRisk === 'UNKNOWN') return null;
  return h('span', {class: 'badge risk risk-' + p.securityRisk, title: p.riskReason || ''}, 'risk ' + p.securityRisk);
}

function thought(p) {
  return p.thought ? h('p', {class: 'thought'}, p.thought) : null;
}

function action(p) {
  const a = p.arguments || {};
  switch (p.toolName) {
    case 'terminal':
      return h('div', {}, thought(p), h('pre', {class: 'terminal command'}, h('span', {class: 'prompt', 'aria-hidden': 'true'}, '$ '), a.command || ''), riskBadge(p));
    case 'file_editor':
      return h('div', {}, thought(p), fileEdit(a), riskBadge(p));
    case 'task_tracker':
      return h('div', {}, thought(p), taskList(a));
    case 'think':
      return h('blockquote', {class: 'thinking'}, a.thought || p.thought || '');
    case 'finish':
      return h('div', {class: 'message-text'}, a.message || '');
    default:
      return h('div', {}, thought(p), h('pre', {class: 'text'}, JSON.stringify(a, null, 2)), riskBadge(p));
  }
}

function fileEdit(a) {
  const path = h('code', {class: 'path'}, a.path || '');
  switch (a.command) {
    case 'create':
      return h('div', {}, h('p', {}, 'Create ', path), diffView(lineDiff('', a.file_text || '')));
    case 'str_replace':
      return h('div', {}, h('p', {}, 'Edit ', path), diffView(lineDiff(a.old_str || '', a.new_str || '')));
    case 'insert':
      return h('div', {}, h('p', {}, `Insert after line ${a.insert_line} of `, path), diffView(lineDiff('', a.new_str || '')));
    case 'undo_edit':
      return h('p', {}, 'Undo the last edit of ', path);
    default:
      return h('p', {}, 'View ', path, a.view_range ? ` lines ${a.view_range.join('–')}` : '');
  }
}

function diffView(lines) {
  return h('pre', {class: 'diff', 'aria-label': 'changes'}, lines.map((line) => h('span', {
    class: line.op === '+' ? 'add' : line.op === '-' ? 'del' : 'same',
  }, line.op + ' ' + line.text + '\n')));
}

function taskList(a) {
  if (a.command === 'view') return h('p', {}, 'Read the task list');
  return h('ul', {class: 'tasks'}, (a.task_list || []).map((task) => h('li', {class: 'task task-' + (task.status || 'todo')},
      h('span', {class: 'badge'}, task.status || 'todo'), ' ', task.title || '', task.notes ? h('small', {class: 'muted'}, ' — ' + task.notes) : null)));
}

function observation(p) {
  const exit = p.exitCode === null || p.exitCode === undefined ? null
      : h('span', {class: 'badge exit ' + (p.exitCode === 0 ? 'ok' : 'bad')}, 'exit code ' + p.exitCode);
  const error = p.error ? h('span', {class: 'badge bad'}, 'error') : null;
  const kind = p.toolName === 'terminal' ? 'terminal output' : BUILT_IN_TOOLS.has(p.toolName) ? 'text' : 'text mcp';
  return h('div', {}, h('pre', {class: kind}, p.content || ''), exit, error);
}
