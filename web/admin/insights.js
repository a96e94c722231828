// The clinic's insights page: draws the figures the server embedded in the page (no request
// from here, so no token in the script) with Chart.js. A null count is one the server hid
// (from 1 to INSIGHTS_MIN_COUNT - 1, or below the minimum where zeros are hidden too): it is
// drawn as nothing and labelled as such. Rules, questions and outcomes are shown by the names
// the server sends with the figures (`names`), never by their ids.
(function () {
  'use strict';
  var COLORS = ['#2f6f73', '#d08c2c', '#8a1c1c', '#5a7fb8', '#7a9a3a', '#9b5fa5', '#4a5b5c', '#c45c7a'];
  var OUTCOME_COLORS = {
    emergency: '#8a1c1c',
    urgent: '#c45c7a',
    'not-suitable-now': '#9b5fa5',
    'clinician-review': '#d08c2c',
    consultation: '#2f6f73',
  };
  // Longer chart labels are cut into lines of about this many characters (a phone is narrow).
  var LABEL_LINE = 22;

  var data = JSON.parse(document.getElementById('insights-data').textContent || '{}');
  var charts = {};
  window.insightsCharts = charts;
  window.insightsData = data;

  if (data.error) {
    var error = document.getElementById('error');
    error.textContent = data.error;
    error.hidden = false;
    return;
  }

  var hiddenText = data.zeroShown && data.minCount > 2 ? '1 to ' + (data.minCount - 1) : 'fewer than ' + data.minCount;

  function shown(value) {
    return value === null || value === undefined ? hiddenText : String(value);
  }

  function describeHiding() {
    var rule = document.getElementById('hidden-rule');
    var why = 'Small counts, which could point at a person, are hidden: ';
    if (data.minCount <= 1) rule.textContent = 'Every count is shown (the minimum count is 1).';
    else if (data.zeroShown) rule.textContent = why + 'counts from 1 to ' + (data.minCount - 1) + ' read “' + hiddenText + '”; 0 is 0.';
    else rule.textContent = why + 'counts below ' + data.minCount + ' read “' + hiddenText + '”.';
  }

  function nameOf(kind, id) {
    var names = (data.names && data.names[kind]) || {};
    return names[id] || id;
  }

  // A label as lines of words (Chart.js draws an array as several lines).
  function wrap(text) {
    var lines = [];
    String(text)
      .split(' ')
      .forEach(function (word) {
        var last = lines.length - 1;
        if (last >= 0 && (lines[last] + ' ' + word).length <= LABEL_LINE) lines[last] += ' ' + word;
        else lines.push(word);
      });
    return lines.length > 1 ? lines : lines[0] || '';
  }

  var FUNNEL = [
    ['Conversations', data.conversations],
    ['Agreed to the terms', data.consented],
    ['Started the health questions', data.screeningsStarted],
    ['Got a result', data.screeningsCompleted],
    ['Opened booking or asked for the team', data.followedUp],
  ];

  function summary() {
    var items = FUNNEL.concat([
      ['Emergencies', data.redFlags.emergency],
      ['Urgent', data.redFlags.urgent],
      ['Handoffs', data.handoffs],
      ['Booking clicks', data.bookingClicks],
    ]);
    var list = document.getElementById('summary');
    items.forEach(function (item) {
      var box = document.createElement('div');
      var term = document.createElement('dt');
      var value = document.createElement('dd');
      term.textContent = item[0];
      value.textContent = shown(item[1]);
      box.appendChild(term);
      box.appendChild(value);
      list.appendChild(box);
    });
  }

  function tooltipLabel(context) {
    return (context.dataset.label ? context.dataset.label + ': ' : '') + shown(context.raw);
  }

  // A horizontal chart grows with its rows (Chart.js gives every row the same band), so every
  // label is drawn whole and none is skipped for room.
  function fitHeight(canvas, labels, datasets) {
    var lines = labels.reduce(function (most, label) {
      return Math.max(most, Array.isArray(label) ? label.length : 1);
    }, 1);
    var row = Math.max(lines * 17, datasets.length * 14) + 12;
    canvas.parentNode.style.height = Math.max(64 + labels.length * row, 120) + 'px';
  }

  function bar(id, labels, datasets, options) {
    options = options || {};
    var canvas = document.getElementById(id);
    var wrapped = labels.map(wrap);
    if (options.horizontal) fitHeight(canvas, wrapped, datasets);
    charts[id.replace('chart-', '')] = new window.Chart(canvas, {
      type: 'bar',
      data: { labels: wrapped, datasets: datasets },
      options: {
        indexAxis: options.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: datasets.length > 1 },
          tooltip: { callbacks: { label: tooltipLabel } },
        },
        scales: {
          x: { stacked: Boolean(options.stacked), beginAtZero: true, ticks: { precision: 0 } },
          y: { stacked: Boolean(options.stacked), beginAtZero: true, ticks: { precision: 0, autoSkip: !options.horizontal } },
        },
      },
    });
  }

  // The entries of a map of counts, largest first (hidden ones last).
  function entries(map) {
    return Object.keys(map || {})
      .map(function (key) {
        return [key, map[key]];
      })
      .sort(function (a, b) {
        return (b[1] || 0) - (a[1] || 0);
      });
  }

  // Said in words where a chart has nothing to draw.
  function noneNote(id) {
    var note = document.createElement('p');
    note.className = 'note';
    note.textContent = 'None in these dates.';
    document.getElementById(id).parentNode.after(note);
  }

  function single(id, label, map, kind, color) {
    var rows = entries(map);
    if (rows.length === 0) noneNote(id);
    bar(
      id,
      rows.map(function (row) {
        return nameOf(kind, row[0]);
      }),
      [
        {
          label: label,
          data: rows.map(function (row) {
            return row[1];
          }),
          backgroundColor: color,
        },
      ],
      { horizontal: true },
    );
  }

  describeHiding();
  summary();

  bar(
    'chart-funnel',
    FUNNEL.map(function (step) {
      return step[0];
    }),
    [
      {
        label: 'Conversations',
        data: FUNNEL.map(function (step) {
          return step[1];
        }),
        backgroundColor: COLORS[0],
      },
    ],
    { horizontal: true },
  );

  var days = Object.keys(data.outcomesByDay || {}).sort();
  var outcomeIds = Object.keys(data.outcomes || {});
  bar(
    'chart-outcomes',
    days,
    outcomeIds.map(function (outcome, index) {
      return {
        label: nameOf('outcomes', outcome),
        data: days.map(function (day) {
          var value = data.outcomesByDay[day][outcome];
          // Not decided that day at all: a true zero, whatever the minimum.
          return value === undefined ? 0 : value;
        }),
        backgroundColor: OUTCOME_COLORS[outcome] || COLORS[index % COLORS.length],
      };
    }),
    { stacked: true },
  );

  single('chart-rules', 'Decisions', data.rules, 'rules', COLORS[3]);
  single('chart-dropoff', 'Conversations', data.dropOff, 'questions', COLORS[1]);
  single('chart-corrected', 'Corrected', data.corrected, 'questions', COLORS[5]);

  var questions = entries(data.unrecognised).map(function (row) {
    return row[0];
  });
  if (questions.length === 0) noneNote('chart-unreadable');
  bar(
    'chart-unreadable',
    questions.map(function (question) {
      return nameOf('questions', question);
    }),
    [
      {
        label: 'Asked',
        data: questions.map(function (question) {
          return data.unrecognised[question].asked;
        }),
        backgroundColor: COLORS[0],
      },
      {
        label: 'Unreadable',
        data: questions.map(function (question) {
          return data.unrecognised[question].unreadable;
        }),
        backgroundColor: COLORS[2],
      },
    ],
    { horizontal: true },
  );

  bar(
    'chart-safety',
    ['Emergency', 'Urgent', 'Handoffs', 'Booking clicks'],
    [
      {
        label: 'Count',
        data: [data.redFlags.emergency, data.redFlags.urgent, data.handoffs, data.bookingClicks],
        backgroundColor: [COLORS[2], COLORS[7], COLORS[3], COLORS[0]],
      },
    ],
  );

  if (data.suppressed && data.suppressed.length > 0) {
    document.getElementById('suppressed').textContent =
      data.suppressed.length + ' count(s) are hidden (' + hiddenText + ') to protect privacy.';
  }
  document.body.setAttribute('data-charts-ready', 'true');
})();
