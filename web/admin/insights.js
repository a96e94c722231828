// The clinic's insights page: draws the figures the server embedded in the page (no request
// from here, so no token in the script) with Chart.js. A null count is one the server hid
// (below INSIGHTS_MIN_COUNT): it is drawn as nothing and labelled "fewer than N".
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

  function shown(value) {
    return value === null || value === undefined ? 'fewer than ' + data.minCount : String(value);
  }

  function summary() {
    var items = [
      ['Conversations', data.conversations],
      ['Consented', data.consented],
      ['Screenings completed', data.screeningsCompleted],
      ['Emergencies', data.redFlags.emergency],
      ['Urgent', data.redFlags.urgent],
      ['Handoffs', data.handoffs],
      ['Booking clicks', data.bookingClicks],
    ];
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

  function bar(id, labels, datasets, options) {
    options = options || {};
    var canvas = document.getElementById(id);
    charts[id.replace('chart-', '')] = new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
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
          y: { stacked: Boolean(options.stacked), beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
  }

  function entries(map) {
    return Object.keys(map || {})
      .map(function (key) {
        return [key, map[key]];
      })
      .sort(function (a, b) {
        return (b[1] || 0) - (a[1] || 0);
      });
  }

  function single(id, label, map, color, horizontal) {
    var rows = entries(map);
    bar(
      id,
      rows.map(function (row) {
        return row[0];
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
      { horizontal: horizontal },
    );
  }

  summary();

  bar(
    'chart-funnel',
    ['Conversations', 'Consented', 'Screenings completed', 'Handoffs', 'Booking clicks'],
    [
      {
        label: 'Conversations',
        data: [data.conversations, data.consented, data.screeningsCompleted, data.handoffs, data.bookingClicks],
        backgroundColor: COLORS[0],
      },
    ],
  );

  var days = Object.keys(data.outcomesByDay || {}).sort();
  var outcomeNames = Object.keys(data.outcomes || {});
  bar(
    'chart-outcomes',
    days,
    outcomeNames.map(function (outcome, index) {
      return {
        label: outcome,
        data: days.map(function (day) {
          var value = data.outcomesByDay[day][outcome];
          return value === undefined ? 0 : value;
        }),
        backgroundColor: OUTCOME_COLORS[outcome] || COLORS[index % COLORS.length],
      };
    }),
    { stacked: true },
  );

  single('chart-rules', 'Decisions', data.rules, COLORS[3], true);
  single('chart-dropoff', 'Conversations', data.dropOff, COLORS[1], true);

  var questions = entries(data.unrecognised).map(function (row) {
    return row[0];
  });
  bar(
    'chart-unreadable',
    questions,
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
      data.suppressed.length + ' count(s) below ' + data.minCount + ' are hidden to protect privacy.';
  }
  document.body.setAttribute('data-charts-ready', 'true');
})();
