// What the dividend-day pages share: the meeting's URLs, status labels, and the live board stream.
import { escapeHtml } from './format.js';
import { session } from './session.js';

export const meetingUrl = runId => `/api/villages/${session.villageId}/dividend-runs/${runId}/meeting`;

export const statusLabels = {
  pending: '待发放',
  paid_in_cash: '已领（本户）',
  collected_by_proxy: '代领',
  transferred_to_bank: '已转账',
  deferred: '暂缓发放',
};

// Who marked a line, at which table, when (the time; with the date where years are listed), and what goes with the
// mark: the proxy's name, the deferral's reason, the bank batch. HTML, escaped.
export function describeMark(last, withDate = false) {
  const at = new Date(last.at);
  const when = withDate ? at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : at.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' });
  return `${escapeHtml(last.cashier)}（第${last.tableNo}桌）${when}${last.recipientName ? ` · 领款人 ${escapeHtml(last.recipientName)}` : ''}`
    + `${last.reason ? ` · ${escapeHtml(last.reason)}` : ''}${last.batchReference ? ` · 批次 ${escapeHtml(last.batchReference)}` : ''}`;
}

export const meetingLabels = { not_opened: '未开始', open: '进行中', closed: '已结束' };

// Follows the run's board by server-sent events (the silo feeds them from PostgreSQL NOTIFY, so marks made at any
// table through any silo arrive). Returns a function that stops following. The browser reconnects on its own.
export function followBoard(runId, onBoard) {
  const source = new EventSource(`${meetingUrl(runId)}/board/stream`);
  source.addEventListener('board', e => onBoard(JSON.parse(e.data)));
  return () => source.close();
}

// The cashier's table number, kept on this tablet.
export function tableNo() {
  return Number(localStorage.getItem('vc.tableNo') || '1');
}

export function setTableNo(value) {
  localStorage.setItem('vc.tableNo', String(value));
}

// Stop following a stream when the page is left (the shell draws each route into a fresh container).
export function whenLeft(root, stop) {
  const onHashChange = () => setTimeout(() => {
    if (!root.isConnected) {
      stop();
      window.removeEventListener('hashchange', onHashChange);
    }
  }, 0);
  window.addEventListener('hashchange', onHashChange);
}
