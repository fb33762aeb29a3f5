// A household: particulars, holdings by class, members, certificate, statement of movements, and the movement forms.
import { api } from '../api.js';
import { describeMark, statusLabels } from '../dividendDay.js';
import { escapeHtml, endedReasons, today, yuan } from '../format.js';
import { session } from '../session.js';

const base = () => `/api/villages/${session.villageId}`;

export async function householdPage(root, number) {
  const [h, lines, charter, payouts] = await Promise.all([
    api(`${base()}/households/${number}`), api(`${base()}/households/${number}/movements`), api(`${base()}/charter`),
    api(`${base()}/households/${number}/payouts`)]);
  const certificate = (h.certificates ?? []).find(c => !c.voidedOn);
  const classOptions = charter.classes.map(c => `<option value="${escapeHtml(c.code)}">${escapeHtml(c.name)}</option>`).join('');
  const active = h.members.filter(m => !m.endedOn);
  const reversed = new Set(lines.filter(l => l.reverses).map(l => l.reverses));
  // Only the village's accountant may see a full ID number, one at a time; each look is written to the audit trail.
  const canReveal = (session.me.grants ?? []).some(g => g.role === 'accountant' && g.villageId === session.villageId);
  root.innerHTML = `
    <p class="no-print"><a href="#/register">← 股权台账</a></p>
    <h1>第 ${h.household.number} 户 · ${escapeHtml(h.household.headName)} ${h.endedOn ? `<span class="badge">已于 ${escapeHtml(h.endedOn)} ${escapeHtml(h.endedReason ?? '')}</span>` : ''}</h1>
    <dl class="facts">
      <dt>村民小组</dt><dd>${escapeHtml(h.villageGroup || '—')}</dd>
      <dt>住址</dt><dd>${escapeHtml(h.address || '—')}</dd>
      <dt>合计股数</dt><dd><strong id="household-shares">${escapeHtml(h.household.shares)}</strong></dd>
      <dt>股权证书</dt><dd id="household-certificate">${certificate ? `第 ${certificate.number} 号（${escapeHtml(certificate.issuedOn)} 发证） <a class="no-print" href="#/household/${number}/certificate">打印股权证</a>` : '未发证'}</dd>
    </dl>
    <h2>持股 <small>Holdings by share class</small></h2>
    <table class="grid" id="holdings-table"><thead><tr><th>股种</th><th class="num">股数</th></tr></thead>
      <tbody>${(h.holdings ?? []).map(x => `<tr><td>${escapeHtml(x.name)}</td><td class="num">${escapeHtml(x.shares)}</td></tr>`).join('') || '<tr><td colspan="2" class="muted">无</td></tr>'}</tbody></table>
    <h2>成员 <small>Members</small></h2>
    <table class="grid" id="members-table">
      <thead><tr><th>姓名</th><th>与户主关系</th><th>性别</th><th>出生日期</th><th>身份证号</th><th>成员身份</th><th>电话</th><th>发放账户</th></tr></thead>
      <tbody>${h.members.map(m => `
        <tr><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.relation)}</td><td>${m.sex === 'male' ? '男' : '女'}</td>
        <td>${escapeHtml(m.birthDate)}</td><td class="mono"><span data-member="${m.id}">${escapeHtml(m.residentIdMasked)}</span>
          ${canReveal ? `<button type="button" class="link reveal no-print" data-member="${m.id}" title="查看完整号码（留痕）">显示</button>` : ''}</td>
        <td>${m.endedOn ? `${escapeHtml(m.endedOn)} 终止（${escapeHtml(endedReasons[m.endedReason] ?? m.endedReason)}）` : m.memberSince ? `${escapeHtml(m.memberSince)} 起` : '成员'}</td>
        <td>${escapeHtml(m.phone)}</td><td class="mono">${escapeHtml(m.payoutAccountMasked)}</td></tr>`).join('')}</tbody>
    </table>
    <h2>股权变动明细 <small>Statement of movements</small></h2>
    <table class="grid" id="statement-table">
      <thead><tr><th>编号</th><th>日期</th><th>类型</th><th>股种</th><th class="num">变动</th><th class="num">余额</th><th>对方户</th><th>原因</th><th>依据</th><th>录入</th><th class="no-print"></th></tr></thead>
      <tbody>${lines.map(l => `
        <tr><td>${l.movementNo}${l.reverses ? ` <small>冲销第${l.reverses}号</small>` : ''}</td><td>${escapeHtml(l.effectiveOn)}</td><td>${escapeHtml(l.kindLabel)}</td>
        <td>${escapeHtml(l.shareClassName)}</td><td class="num">${escapeHtml(l.delta)}</td><td class="num">${escapeHtml(l.balance)}</td>
        <td>${escapeHtml(l.counterparts)}</td><td>${escapeHtml(l.reason)}</td><td>${escapeHtml(l.documentRef)}</td><td>${escapeHtml(l.enteredBy)}</td>
        <td class="no-print">${l.kind === 'reversal' ? '' : reversed.has(l.movementNo) ? '<small>已冲销</small>'
          : `<button type="button" class="reverse" data-no="${l.movementNo}">冲销</button>`}</td></tr>`).join('')}</tbody>
    </table>
    <p class="muted no-print">更正 = 冲销错误的变动，再按正确内容重新登记；原记录保留不改。</p>
    <p id="reverse-error" class="error" role="alert"></p>
    <h2>分红记录 <small>Dividends, year by year</small></h2>
    <table class="grid" id="payouts-table">
      <thead><tr><th>年度</th><th class="num">股数</th><th class="num">每股（元）</th><th class="num">金额（元）</th><th>状态</th><th>经办</th></tr></thead>
      <tbody>${payouts.map(p => `
        <tr data-status="${p.status}"><td><a href="#/runs/${p.runId}">${p.year} 年度</a>${p.planVersion > 1 ? ` <small>第 ${p.planVersion} 版方案</small>` : ''}</td>
        <td class="num">${escapeHtml(p.shares)}</td><td class="num">${yuan(p.perShareRate)}</td><td class="num">${yuan(p.amount)}</td>
        <td>${statusLabels[p.status]}</td><td>${p.last && p.status !== 'pending' ? describeMark(p.last, true) : ''}</td></tr>`).join('')
        || '<tr><td colspan="6" class="muted">还没有分红</td></tr>'}</tbody>
    </table>
    ${h.endedOn ? '' : `
    <section class="no-print forms">
      <form id="transfer-form" class="card">
        <h2>转让 / 继承 <small>Transfer or inheritance</small></h2>
        <label>类型 <select name="kind"><option value="transfer">社内转让</option><option value="inheritance">继承</option></select></label>
        <label>转入户号 <input name="toHousehold" type="number" min="1" required></label>
        <label>股种 <select name="shareClass">${classOptions}</select></label>
        <label>股数 <input name="shares" inputmode="decimal" required></label>
        ${commonFields()}
        <button class="primary" type="submit">登记转让</button>
        <p class="error" role="alert"></p>
      </form>
      <form id="split-form" class="card">
        <h2>分户 <small>Household split</small></h2>
        <p class="muted">勾选迁入新户的成员，并填写其与新户主的关系（新户主填“户主”）。原户主须留在原户。</p>
        ${active.filter(m => m.relation !== '户主').map(m => `
          <div class="mover"><label class="check"><input type="checkbox" name="move" value="${m.id}"> ${escapeHtml(m.name)}（${escapeHtml(m.relation)}）</label>
          <input name="relation-${m.id}" placeholder="与新户主关系" aria-label="${escapeHtml(m.name)}与新户主关系"></div>`).join('') || '<p class="muted">没有可迁出的成员。</p>'}
        <label>新户号（空则自动取下一个） <input name="newHousehold" type="number" min="1"></label>
        ${charter.classes.map(c => `<label>分出${escapeHtml(c.name)}股数 <input name="split-${escapeHtml(c.code)}" inputmode="decimal" value="0"></label>`).join('')}
        ${commonFields()}
        <button class="primary" type="submit">登记分户</button>
        <p class="error" role="alert"></p>
      </form>
      <form id="allocation-form" class="card">
        <h2>配股 <small>Allocation</small></h2>
        <label>类型 <select name="enrolment"><option value="false">折股量化</option><option value="true">新增成员配股</option></select></label>
        <label>股种 <select name="shareClass">${classOptions}</select></label>
        <label>股数 <input name="shares" inputmode="decimal" required></label>
        ${commonFields()}
        <button type="submit">登记配股</button>
        <p class="error" role="alert"></p>
      </form>
      ${charter.cancellationOnExit ? `
      <form id="cancellation-form" class="card">
        <h2>退出注销 <small>Cancellation on exit</small></h2>
        <label>股种 <select name="shareClass">${classOptions}</select></label>
        <label>注销股数 <input name="shares" inputmode="decimal" required></label>
        ${commonFields()}
        <button type="submit">登记注销</button>
        <p class="error" role="alert"></p>
      </form>` : ''}
      <form id="member-form" class="card">
        <h2>成员信息 <small>Member particulars</small></h2>
        <label>成员 <select name="member">${h.members.map(m => `<option value="${m.id}">${escapeHtml(m.name)}（${escapeHtml(m.relation)}）</option>`).join('')}</select></label>
        <label>成员身份取得日期 <input name="memberSince" type="date"></label>
        <label>取得原因 <input name="sinceReason" placeholder="如：出生、婚入、改革时确认"></label>
        <label>身份终止日期 <input name="endedOn" type="date"></label>
        <label>终止原因 <select name="endedReason"><option value="">—</option>${Object.entries(endedReasons).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label>
        <label>电话 <input name="phone" inputmode="tel"></label>
        <label>发放账户（银行卡或一卡通，空则不改） <input name="payoutAccount" inputmode="numeric" autocomplete="off"></label>
        <button type="submit">保存成员信息</button>
        <p class="error" role="alert"></p>
      </form>
      <form id="merge-form" class="card">
        <h2>合户 <small>Merge into another household</small></h2>
        <p class="muted">本户全部股份与成员并入另一户，本户注销（成员与户主关系记为“其他”，可在对方户更正）。</p>
        <label>并入户号 <input name="intoHousehold" type="number" min="1" required></label>
        ${commonFields()}
        <button type="submit">登记合户</button>
        <p class="error" role="alert"></p>
      </form>
    </section>`}`;
  root.querySelectorAll('button.reveal').forEach(button => button.addEventListener('click', async () => {
    const shown = await api(`${base()}/members/${button.dataset.member}/reveal-resident-id`, { method: 'POST' });
    root.querySelector(`span[data-member="${button.dataset.member}"]`).textContent = shown.residentId;
    button.remove();
  }));

  const send = (form, kind, body) => form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    const error = form.querySelector('.error');
    error.textContent = '';
    form.querySelector('button[type=submit]').disabled = true;
    try {
      const recorded = await api(`${base()}/movements/${typeof kind === 'function' ? kind(data) : kind}`, {
        method: 'POST',
        body: { effectiveOn: data.get('effectiveOn'), reason: data.get('reason'), documentRef: data.get('documentRef'), ...body(data) },
      });
      const created = recorded.flatMap(m => m.legs).map(l => l.household).filter(n => n !== number);
      location.hash = kind === 'split' ? `#/household/${Math.max(...created)}` : `#/household/${number}?r=${recorded[0].no}`;
    } catch (e) {
      error.textContent = `${e.message}${e.field ? `（${e.field}）` : ''}`;
      form.querySelector('button[type=submit]').disabled = false;
    }
  });
  const transfer = root.querySelector('#transfer-form');
  if (!transfer) return;
  send(transfer, d => d.get('kind'), d => ({ fromHousehold: number, toHousehold: Number(d.get('toHousehold')), shareClass: d.get('shareClass'), shares: d.get('shares') }));
  send(root.querySelector('#split-form'), 'split', d => ({
    fromHousehold: number,
    newHousehold: d.get('newHousehold') ? Number(d.get('newHousehold')) : null,
    sharesByClass: Object.fromEntries(charter.classes.map(c => [c.code, d.get(`split-${c.code}`) || '0'])),
    members: d.getAll('move').map(id => ({ memberId: Number(id), relation: d.get(`relation-${id}`) })),
  }));
  send(root.querySelector('#merge-form'), 'merge', d => ({ fromHousehold: number, intoHousehold: Number(d.get('intoHousehold')) }));
  send(root.querySelector('#allocation-form'), 'allocation', d => ({ household: number, shareClass: d.get('shareClass'), shares: d.get('shares'), enrolment: d.get('enrolment') === 'true' }));
  const memberForm = root.querySelector('#member-form');
  const fill = () => {
    const m = h.members.find(x => String(x.id) === memberForm.member.value);
    if (!m) return;
    memberForm.memberSince.value = m.memberSince ?? '';
    memberForm.sinceReason.value = m.sinceReason ?? '';
    memberForm.endedOn.value = m.endedOn ?? '';
    memberForm.endedReason.value = m.endedReason ?? '';
    memberForm.phone.value = m.phone ?? '';
    memberForm.payoutAccount.value = '';
  };
  memberForm.member.addEventListener('change', fill);
  fill();
  memberForm.addEventListener('submit', async event => {
    event.preventDefault();
    const d = new FormData(memberForm);
    try {
      await api(`${base()}/households/${number}/members/${d.get('member')}`, { method: 'PUT', body: {
        memberSince: d.get('memberSince') || null, sinceReason: d.get('sinceReason'), endedOn: d.get('endedOn') || null,
        endedReason: d.get('endedReason') || null, phone: d.get('phone'), payoutAccount: d.get('payoutAccount') || null,
      } });
      location.hash = `#/household/${number}?m=${Date.now()}`;
    } catch (e) {
      memberForm.querySelector('.error').textContent = e.message;
    }
  });
  const cancellation = root.querySelector('#cancellation-form');
  if (cancellation) send(cancellation, 'cancellation', d => ({ household: number, shareClass: d.get('shareClass'), shares: d.get('shares') }));
  root.querySelectorAll('button.reverse').forEach(button => button.addEventListener('click', async () => {
    const reason = window.prompt(`冲销第 ${button.dataset.no} 号变动的原因`);
    if (!reason) return;
    try {
      const recorded = await api(`${base()}/movements/${button.dataset.no}/correction`, { method: 'POST', body: { effectiveOn: today(), reason, legs: [] } });
      location.hash = `#/household/${number}?r=${recorded[0].no}`;
    } catch (e) {
      root.querySelector('#reverse-error').textContent = e.message;
    }
  }));
}

function commonFields() {
  return `
    <label>生效日期 <input name="effectiveOn" type="date" value="${today()}" required></label>
    <label>变动原因 <input name="reason" required></label>
    <label>依据文件 <input name="documentRef" placeholder="如：村股东代表会议决议第3号"></label>`;
}
