// The actions waiting for the user's approval (confirmation policy), with their risk: approve or reject.
import {post, seg} from '../api.js';
import {h, replace, toast, problemText} from '../dom.js';

export class ConfirmationPanel {
  constructor(conversationId) {
    this.id = conversationId;
    this.pending = new Map(); // action event id -> ActionEvent envelope
    this.reason = h('input', {type: 'text', id: 'reject-reason', placeholder: 'why (optional)'});
    this.element = h('section', {id: 'confirmation', class: 'confirmation', hidden: true, 'aria-labelledby': 'confirmation-title'});
  }

  /** Keeps track of actions without a result yet. */
  observe(event) {
    const p = event.payload || {};
    if (event.kind === 'ActionEvent') this.pending.set(event.id, event);
    else if ((event.kind === 'ObservationEvent' || event.kind === 'UserRejectObservation') && p.actionId) this.pending.delete(p.actionId);
    else if (event.kind === 'AgentErrorEvent' && p.toolCallId) {
      for (const [key, action] of this.pending) if (action.payload.toolCallId === p.toolCallId) this.pending.delete(key);
    }
  }

  update(status) {
    const waiting = status === 'waiting_for_confirmation' && this.pending.size > 0;
    if (!waiting) {
      this.element.hidden = true;
      this.shown = null;
      return;
    }
    const key = [...this.pending.keys()].join(',');
    if (key === this.answered || (this.shown === key && !this.element.hidden)) return;
    this.shown = key;
    const actions = [...this.pending.values()];
    const approve = h('button', {type: 'button', class: 'primary', id: 'approve', onclick: () => this.answer(true)}, 'Approve');
    replace(this.element,
        h('h2', {id: 'confirmation-title'}, actions.length > 1 ? `${actions.length} actions wait for your approval` : 'An action waits for your approval'),
        h('ul', {}, actions.map((a) => {
          const p = a.payload;
          const summary = p.arguments && (p.arguments.command || p.arguments.path) || JSON.stringify(p.arguments);
          return h('li', {dataset: {seq: String(a.seq)}},
              h('span', {class: 'badge risk risk-' + p.securityRisk}, 'risk ' + p.securityRisk), ' ',
              h('strong', {}, p.toolName), ' ', h('code', {}, String(summary)),
              p.riskReason ? h('p', {class: 'muted'}, p.riskReason) : null);
        })),
        h('div', {class: 'row'}, approve,
            h('label', {for: 'reject-reason', class: 'visually-hidden'}, 'Reason for rejecting'), this.reason,
            h('button', {type: 'button', class: 'danger', id: 'reject', onclick: () => this.answer(false)}, 'Reject')));
    this.element.hidden = false;
    approve.focus({preventScroll: false});
  }

  async answer(accept) {
    try {
      const body = {accept};
      if (!accept && this.reason.value.trim()) body.reason = this.reason.value.trim();
      await post(`/conversations/${seg(this.id)}/confirmation`, body);
      this.answered = this.shown;
      this.element.hidden = true;
      this.reason.value = '';
      toast(accept ? 'Approved.' : 'Rejected.');
    } catch (error) {
      toast(problemText(error), 'error');
    }
  }
}
