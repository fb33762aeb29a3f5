// The hall screen (大屏): households and yuan paid of the total, by method, live.
import { api } from '../api.js';
import { escapeHtml, yuan } from '../format.js';
import { followBoard, meetingLabels, meetingUrl, statusLabels, whenLeft } from '../dividendDay.js';

export function drawBoard(element, board) {
  const percent = board.householdsTotal ? Math.floor((100 * board.householdsPaid) / board.householdsTotal) : 0;
  element.innerHTML = `
    <div class="stats board-stats">
      <div class="stat"><span>已发放户数</span><strong id="board-households">${board.householdsPaid} / ${board.householdsTotal}</strong></div>
      <div class="stat"><span>已发放金额（元）</span><strong id="board-amount">${yuan(board.amountPaid)}</strong>
        <small>共 ${yuan(board.amountTotal)} 元</small></div>
      <div class="stat"><span>大会状态</span><strong id="board-status">${meetingLabels[board.meetingStatus] ?? escapeHtml(board.meetingStatus)}</strong></div>
    </div>
    <div class="progress" role="progressbar" aria-valuenow="${percent}" aria-valuemin="0" aria-valuemax="100"><div style="width:${percent}%"></div></div>
    <table class="grid board-methods">
      <thead><tr><th>方式</th><th class="num">户数</th><th class="num">金额（元）</th><th>大写</th></tr></thead>
      <tbody>${board.byStatus.map(s => `
        <tr data-status="${s.status}"><td>${statusLabels[s.status]}</td><td class="num">${s.households}</td><td class="num">${yuan(s.amount)}</td>
        <td class="words">${escapeHtml(s.amountInWords)}</td></tr>`).join('')}</tbody>
    </table>`;
}

export async function boardPage(root, runId) {
  root.innerHTML = `
    <h1 class="board-title">分红发放进度 <small>Live board</small> <a class="no-print small-link" href="#/runs/${runId}/meeting">发放现场</a></h1>
    <div id="board"></div>`;
  const element = root.querySelector('#board');
  drawBoard(element, await api(`${meetingUrl(runId)}/board`));
  whenLeft(root, followBoard(runId, board => drawBoard(element, board)));
}
