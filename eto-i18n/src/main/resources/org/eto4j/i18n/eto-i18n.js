/*
 * eto4j i18n for browsers: formats the bundles that Messages.toJson(locale) exports, with the same results
 * as the Java side for the pattern syntax the bundles use (checked by eto-i18n's tests):
 *   {n}  {n,number}  {n,number,integer}  {n,choice,0#…|1#…|1<…}  and '' for an apostrophe.
 *
 *   const i18n = EtoI18n.create(await (await fetch('/api/v1/i18n/pt-BR')).json());
 *   i18n.t('task.progress.records', 250, 10958);   // "250 de 10.958 registros"
 *   i18n.number(4.567, 2);                          // "4,57"
 *   i18n.date('2024-03-05');                        // "05/03/2024"
 *
 * Licensed under the Apache License 2.0.
 */
(function (root) {
  'use strict';

  function create(bundle) {
    var messages = bundle.messages || {};
    var f = bundle.formats || {};
    var decimal = f.decimalSeparator || '.';
    var grouping = f.groupingSeparator || ',';
    var datePattern = f.datePattern || 'uuuu-MM-dd';

    // Fixed decimals, rounded half up from the shortest decimal form, grouped, never a negative zero
    // (as Formats.number in Java).
    function fixed(value, decimals) {
      if (typeof value !== 'number' || !isFinite(value)) return '\u2014';
      var s = String(Math.abs(value));
      if (/e/i.test(s)) s = Math.abs(value).toFixed(20);
      var p = s.split('.');
      var frac = (p[1] || '') + '0'.repeat(decimals + 1);
      var digits = (p[0] + frac.slice(0, decimals)).split('').map(Number);
      if (Number(frac.charAt(decimals)) >= 5) {
        var i = digits.length - 1;
        while (i >= 0 && digits[i] === 9) { digits[i] = 0; i--; }
        if (i < 0) digits.unshift(1); else digits[i] += 1;
      }
      var all = digits.join('');
      var whole = all.slice(0, all.length - decimals).replace(/^0+(?=\d)/, '') || '0';
      var text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, grouping)
          + (decimals > 0 ? decimal + all.slice(all.length - decimals) : '');
      return value < 0 && /[1-9]/.test(text) ? '-' + text : text;
    }

    // Default number style of java.text.MessageFormat: up to 3 decimals, trailing zeros dropped.
    function plainNumber(value) {
      var s = fixed(value, 3);
      if (s.indexOf(decimal) >= 0) s = s.replace(/0+$/, '').replace(new RegExp('\\' + decimal + '$'), '');
      return s === '-0' ? '0' : s;
    }

    function arg(value, type, style, args) {
      if (value === undefined) return null;
      if (type === 'choice') return choice(value, style, args);
      if (typeof value === 'number') {
        return type === 'number' && style === 'integer' ? fixed(halfEven(value), 0) : plainNumber(value);
      }
      return String(value);
    }

    // {n,number,integer} rounds half even, as java.text.NumberFormat.getIntegerInstance does.
    function halfEven(v) {
      var r = Math.round(v);
      return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    }

    function choice(value, style, args) {
      var options = split(style, '|');
      var chosen = null;
      for (var i = 0; i < options.length; i++) {
        var m = /^\s*(-?[\d.]+|\u221e|-\u221e)\s*([#<\u2264])/.exec(options[i]);
        if (!m) continue;
        var limit = m[1] === '\u221e' ? Infinity : m[1] === '-\u221e' ? -Infinity : Number(m[1]);
        var text = options[i].slice(m[0].length);
        if (chosen === null) chosen = text;
        if (m[2] === '<' ? value > limit : value >= limit) chosen = text;
      }
      chosen = chosen === null ? '' : chosen;
      return chosen.indexOf('{') >= 0 ? format(chosen, args) : chosen;
    }

    // Splits at `sep` outside braces.
    function split(s, sep) {
      var out = [], depth = 0, start = 0;
      for (var i = 0; i < s.length; i++) {
        var c = s.charAt(i);
        if (c === '{') depth++;
        else if (c === '}') depth--;
        else if (c === sep && depth === 0) { out.push(s.slice(start, i)); start = i + 1; }
      }
      out.push(s.slice(start));
      return out;
    }

    function format(pattern, args) {
      var out = '';
      for (var i = 0; i < pattern.length; i++) {
        var c = pattern.charAt(i);
        if (c === "'") {
          if (pattern.charAt(i + 1) === "'") { out += "'"; i++; continue; }
          var end = pattern.indexOf("'", i + 1);
          out += pattern.slice(i + 1, end < 0 ? pattern.length : end);
          i = end < 0 ? pattern.length : end;
          continue;
        }
        if (c !== '{') { out += c; continue; }
        var depth = 1, j = i + 1;
        while (j < pattern.length && depth > 0) {
          if (pattern.charAt(j) === '{') depth++;
          else if (pattern.charAt(j) === '}') depth--;
          j++;
        }
        var body = pattern.slice(i + 1, j - 1);
        var parts = split(body, ',');
        var index = parseInt(parts[0], 10);
        var type = parts.length > 1 ? parts[1].trim() : undefined;
        var style = parts.length > 2 ? parts.slice(2).join(',').trim() : undefined;
        var text = arg(args[index], type, style, args);
        out += text === null ? '{' + body + '}' : text;
        i = j - 1;
      }
      return out;
    }

    function has(key) {
      return Object.prototype.hasOwnProperty.call(messages, key);
    }

    // Every function is a closure over the bundle, so `const { t } = i18n` works too.
    return {
      locale: bundle.locale,
      formats: f,
      has: has,
      t: function (key) {
        return has(key) ? format(messages[key], Array.prototype.slice.call(arguments, 1)) : key;
      },
      number: fixed,
      date: function (iso) {
        var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
        if (!m) return String(iso);
        return datePattern.replace('uuuu', m[1]).replace('yyyy', m[1]).replace('MM', m[2]).replace('dd', m[3]);
      }
    };
  }

  var api = { create: create };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.EtoI18n = api;
}(typeof self !== 'undefined' ? self : this));
