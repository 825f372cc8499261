// A conversation's events, in seq order, each once: the first page read from the events API (so the page shows
// something at once), then the stream (SSE, read with fetch so the token goes in a header) from the last seq seen,
// which carries the rest of the history and then the live events, in batches as they come. After a disconnect it
// reconnects with Last-Event-ID; an event already seen is dropped, and a gap is filled from the events API before
// anything after it is shown.
import {API, get, seg} from '../api.js';
import {token} from '../auth.js';

const PAGE = 100;
// the first read fills a screen, no more: the stream that follows carries the rest of the history at once
const FIRST_PAGE = 40;

export class EventFeed {
  /**
   * @param conversationId the conversation
   * @param deliver called with each batch of new events, in order
   * @param onState called with 'history', 'live', 'reconnecting' or 'closed'
   */
  constructor(conversationId, deliver, onState = () => {}) {
    this.id = conversationId;
    this.deliver = deliver;
    this.onState = onState;
    this.lastSeq = 0;
    this.closed = false;
    this.queue = Promise.resolve();
    this.incoming = [];
    this.scheduled = false;
    this.controller = null;
    this.retryDelay = 500;
  }

  start() {
    this.run();
    return this;
  }

  close() {
    this.closed = true;
    if (this.controller) this.controller.abort();
    this.onState('closed');
  }

  async run() {
    let first = true;
    while (!this.closed) {
      try {
        if (first) {
          this.onState('history');
          await this.readHistory(Infinity, 1, FIRST_PAGE);
          first = false;
        }
        if (this.closed) return;
        await this.stream();
        this.retryDelay = 500;
      } catch (error) {
        if (this.closed) return;
        if (error && error.status && error.status >= 400 && error.status < 500 && error.status !== 429) {
          this.onState('closed', error);
          return;
        }
      }
      if (this.closed) return;
      this.onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, this.retryDelay));
      this.retryDelay = Math.min(this.retryDelay * 2, 8000);
    }
  }

  /** Reads pages (at most `pages`) after the last seq seen, up to (not including) `beforeSeq`. */
  async readHistory(beforeSeq, pages = Infinity, limit = PAGE) {
    for (let read = 0; read < pages && !this.closed && this.lastSeq + 1 < beforeSeq; read++) {
      const page = await get(`/conversations/${seg(this.id)}/events`, {afterSeq: this.lastSeq, limit});
      const items = (page.items || []).filter((e) => e.seq < beforeSeq);
      this.accept(items);
      if ((page.items || []).length < limit || items.length < (page.items || []).length) return;
    }
  }

  accept(events) {
    const fresh = [];
    for (const event of events) {
      if (event.seq <= this.lastSeq) continue; // seen already
      fresh.push(event);
      this.lastSeq = event.seq;
    }
    if (fresh.length) this.deliver(fresh);
  }

  async stream() {
    this.controller = new AbortController();
    const headers = {Accept: 'text/event-stream', Authorization: 'Bearer ' + token()};
    if (this.lastSeq > 0) headers['Last-Event-ID'] = String(this.lastSeq);
    const response = await fetch(`${API}/conversations/${seg(this.id)}/events/stream`,
        {headers, signal: this.controller.signal, cache: 'no-store'});
    if (!response.ok) {
      const error = new Error('the event stream was refused: HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    this.onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let data = [];
    for (;;) {
      const {value, done} = await reader.read();
      if (done) return;
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (data.length) this.received(data.join('\n'));
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
        // id:, event: and comments (heartbeats): the seq and kind are in the data too
      }
    }
  }

  received(json) {
    let event;
    try { event = JSON.parse(json); } catch { return; }
    this.incoming.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    // after the chunk being read: its events are shown as one batch, in order; a gap is read first
    this.queue = this.queue.then(() => this.flush())
        .catch(() => { if (this.controller) this.controller.abort(); });
  }

  async flush() {
    this.scheduled = false;
    const batch = this.incoming.splice(0);
    let run = [];
    let last = this.lastSeq;
    for (const event of batch) {
      if (event.seq <= last) continue; // seen already
      if (event.seq > last + 1) {
        this.accept(run);
        run = [];
        await this.readHistory(event.seq);
        last = this.lastSeq;
        if (event.seq <= last) continue;
      }
      run.push(event);
      last = event.seq;
    }
    this.accept(run);
  }
}
