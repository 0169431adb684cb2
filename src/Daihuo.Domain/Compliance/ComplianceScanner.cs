namespace Daihuo.Domain.Compliance;

/// <summary>
/// Finds every term of a dictionary in a text in one pass, whatever its disguise: each character is
/// folded (<see cref="TextFold"/>) and fed to an Aho–Corasick automaton built over the folded terms
/// and allowed phrases; phone numbers and long digit runs are found on the same pass. A finding
/// inside an allowed phrase ("最" in "最近") is dropped; a finding inside a longer one ("最低" in
/// "全网最低价") gives way to it. Terms that begin or end with a Latin letter or a digit only match
/// as whole words ("sb" is not in "usb"), a space or symbol counting as a break. Positions are in the
/// original text. A clean text is scanned without allocating.
/// </summary>
public sealed class ComplianceScanner
{
    /// <summary>The longest folded term the position ring can map back; longer terms are refused when building.</summary>
    private const int Ring = 64;
    private const int StackMatches = 16;

    private static readonly ComplianceTerm Phone = new("手机号", TermCategory.Contact, TermAction.Block, "contact", "不得在评论或商品信息中公开手机号");
    private static readonly ComplianceTerm LongNumber = new("疑似联系方式的数字", TermCategory.Contact, TermAction.Hold, "contact", "疑似 QQ 号、微信号或手机号，待场控确认");

    // The automaton, flattened: children of a node are childChar/childNode[first..first+count), sorted by char.
    private readonly int[] _rootNext;
    private readonly int[] _first;
    private readonly int[] _count;
    private readonly char[] _childChar;
    private readonly int[] _childNode;
    private readonly int[] _fail;

    // What ends at a node: a pattern index, or -1; and the next node up the failure chain that has one.
    private readonly int[] _output;
    private readonly int[] _outputLink;

    private readonly Pattern[] _patterns;

    /// <summary>A folded term or allowed phrase: its length in folded characters and whether its edges must be word breaks.</summary>
    private readonly record struct Pattern(int Length, ComplianceTerm? Term, bool WordStart, bool WordEnd);

    private struct Hit
    {
        public int Start;
        public int End;
        public int Pattern;

        /// <summary>Its last character is a letter or digit: kept only if the next one does not continue the word.</summary>
        public bool WordEnd;
    }

    public ComplianceScanner(ComplianceDictionary dictionary)
    {
        Dictionary = dictionary;
        var patterns = new List<Pattern>();
        var trie = new List<Dictionary<char, int>> { new() };
        var output = new List<int> { -1 };

        void Add(string text, ComplianceTerm? term)
        {
            var folded = TextFold.Apply(text);
            if (folded.Length is 0 or > Ring)
            {
                return;
            }

            var node = 0;
            foreach (var c in folded)
            {
                if (!trie[node].TryGetValue(c, out var next))
                {
                    next = trie.Count;
                    trie.Add([]);
                    output.Add(-1);
                    trie[node][c] = next;
                }

                node = next;
            }

            // The same folded text twice: the first entry wins (a term before an allowed phrase of the same text).
            if (output[node] < 0)
            {
                output[node] = patterns.Count;
                patterns.Add(new Pattern(folded.Length, term, IsWordChar(folded[0]), IsWordChar(folded[^1])));
            }
        }

        foreach (var term in dictionary.Terms)
        {
            Add(term.Text, term);
        }

        foreach (var phrase in dictionary.Allowed)
        {
            Add(phrase, null);
        }

        _patterns = [.. patterns];
        _output = [.. output];
        var n = trie.Count;
        _first = new int[n];
        _count = new int[n];
        _fail = new int[n];
        _outputLink = new int[n];
        _rootNext = new int[char.MaxValue + 1];
        var chars = new List<char>();
        var nodes = new List<int>();
        for (var i = 0; i < n; i++)
        {
            _first[i] = chars.Count;
            _count[i] = trie[i].Count;
            foreach (var (c, child) in trie[i].OrderBy(kv => kv.Key))
            {
                chars.Add(c);
                nodes.Add(child);
            }
        }

        _childChar = [.. chars];
        _childNode = [.. nodes];
        foreach (var (c, child) in trie[0])
        {
            _rootNext[c] = child;
        }

        // Failure and output links, breadth first.
        var queue = new Queue<int>();
        foreach (var child in trie[0].Values)
        {
            _fail[child] = 0;
            _outputLink[child] = -1;
            queue.Enqueue(child);
        }

        _outputLink[0] = -1;
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in trie[node])
            {
                var f = _fail[node];
                while (f != 0 && Child(f, c) < 0)
                {
                    f = _fail[f];
                }

                var target = Child(f, c);
                _fail[child] = target > 0 && target != child ? target : 0;
                _outputLink[child] = _output[_fail[child]] >= 0 ? _fail[child] : _outputLink[_fail[child]];
                queue.Enqueue(child);
            }
        }
    }

    public ComplianceDictionary Dictionary { get; }

    /// <summary>A scanner for the default dictionary.</summary>
    public static ComplianceScanner Default { get; } = new(ComplianceDictionary.Default);

    private static bool IsWordChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static bool SameClass(char a, char b) =>
        (a is >= 'a' and <= 'z' && b is >= 'a' and <= 'z') || (a is >= '0' and <= '9' && b is >= '0' and <= '9');

    private int Child(int node, char c)
    {
        if (node == 0)
        {
            return _rootNext[c] == 0 ? -1 : _rootNext[c];
        }

        int lo = _first[node], hi = lo + _count[node] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = _childChar[mid];
            if (m == c)
            {
                return _childNode[mid];
            }

            if (m < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>True when the text has no finding; never allocates.</summary>
    public bool IsClean(ReadOnlySpan<char> text)
    {
        List<Finding>? none = null;
        return Scan(text, ref none, collect: false) == 0;
    }

    /// <summary>Every finding, in order of where it ends; an empty list (no allocation) for a clean text.</summary>
    public IReadOnlyList<Finding> Scan(ReadOnlySpan<char> text)
    {
        List<Finding>? findings = null;
        return Scan(text, ref findings, collect: true) == 0 ? Array.Empty<Finding>() : findings!;
    }

    private int Scan(ReadOnlySpan<char> text, ref List<Finding>? findings, bool collect)
    {
        Span<int> ring = stackalloc int[Ring];          // original index of the last significant characters
        Span<char> folded = stackalloc char[Ring];      // and their folded form, for word-break checks
        Span<bool> breakBefore = stackalloc bool[Ring]; // whether a skipped character came before each
        Span<Hit> stack = stackalloc Hit[StackMatches];
        Hit[]? spill = null;
        var hits = 0;

        var state = 0;
        var seen = 0;             // significant characters so far
        var skipped = false;
        var digitStart = -1;      // start (in significant characters) of the current run of digits
        var lastCharHits = 0;     // hits from here on ended at the previous significant character

        for (var i = 0; i <= text.Length; i++)
        {
            var f = i < text.Length ? TextFold.Fold(text[i]) : '\0';
            if (i < text.Length && f == '\0')
            {
                skipped = true;
                continue;
            }

            var end = i == text.Length;
            var brk = skipped || end;

            // Hits that end in a letter or digit are kept only if the next character does not continue the word.
            if (!brk && seen > 0 && hits > lastCharHits && SameClass(folded[(seen - 1) & (Ring - 1)], f))
            {
                var all = spill is null ? stack : spill.AsSpan();
                var kept = lastCharHits;
                for (var h = lastCharHits; h < hits; h++)
                {
                    if (!all[h].WordEnd)
                    {
                        all[kept++] = all[h];
                    }
                }

                hits = kept;
            }

            // A run of digits ends: a mobile number (11 digits, 1[3-9]…) or a long number is contact data.
            var isDigit = !end && f is >= '0' and <= '9';
            if (digitStart >= 0 && !isDigit)
            {
                var length = seen - digitStart;
                var from = Math.Max(digitStart, seen - Ring + 1) & (Ring - 1);
                var mobile = length == 11 && folded[from] == '1' && folded[(digitStart + 1) & (Ring - 1)] is >= '3' and <= '9';
                if (mobile || length >= 7)
                {
                    Push(stack, ref spill, ref hits, new Hit { Start = ring[from], End = ring[(seen - 1) & (Ring - 1)] + 1, Pattern = mobile ? -1 : -2 });
                }

                digitStart = -1;
            }

            if (end)
            {
                break;
            }

            if (isDigit && digitStart < 0)
            {
                digitStart = seen;
            }

            lastCharHits = hits;
            var slot = seen & (Ring - 1);
            ring[slot] = i;
            folded[slot] = f;
            breakBefore[slot] = skipped || seen == 0;
            seen++;
            skipped = false;

            // Step the automaton.
            while (true)
            {
                var next = Child(state, f);
                if (next >= 0)
                {
                    state = next;
                    break;
                }

                if (state == 0)
                {
                    break;
                }

                state = _fail[state];
            }

            for (var node = _output[state] >= 0 ? state : _outputLink[state]; node > 0; node = _outputLink[node])
            {
                var p = _patterns[_output[node]];
                var startSlot = (seen - p.Length) & (Ring - 1);
                if (p.WordStart && !breakBefore[startSlot] && seen - p.Length > 0 && SameClass(folded[(seen - p.Length - 1) & (Ring - 1)], folded[startSlot]))
                {
                    continue;
                }

                Push(stack, ref spill, ref hits, new Hit { Start = ring[startSlot], End = i + 1, Pattern = _output[node], WordEnd = p.WordEnd });
            }
        }

        if (hits == 0)
        {
            return 0;
        }

        return Resolve(spill is null ? stack[..hits] : spill.AsSpan(0, hits), ref findings, collect);
    }

    private static void Push(Span<Hit> stack, ref Hit[]? spill, ref int hits, Hit hit)
    {
        if (spill is null && hits < stack.Length)
        {
            stack[hits++] = hit;
            return;
        }

        if (spill is null)
        {
            spill = new Hit[StackMatches * 4];
            stack[..hits].CopyTo(spill);
        }
        else if (hits == spill.Length)
        {
            Array.Resize(ref spill, spill.Length * 2);
        }

        spill[hits++] = hit;
    }

    /// <summary>Drops findings inside an allowed phrase or inside a longer finding; reports the rest by position.</summary>
    private int Resolve(Span<Hit> hits, ref List<Finding>? findings, bool collect)
    {
        var kept = 0;
        for (var a = 0; a < hits.Length; a++)
        {
            var hit = hits[a];
            var term = hit.Pattern switch { -1 => Phone, -2 => LongNumber, var p => _patterns[p].Term };
            if (term is null)
            {
                continue;
            }

            var covered = false;
            for (var b = 0; b < hits.Length && !covered; b++)
            {
                var other = hits[b];
                if (b == a || other.Start > hit.Start || other.End < hit.End)
                {
                    continue;
                }

                var otherIsAllowed = other.Pattern >= 0 && _patterns[other.Pattern].Term is null;
                var longer = other.End - other.Start > hit.End - hit.Start || (other.End - other.Start == hit.End - hit.Start && b < a);
                covered = otherIsAllowed || (longer && (other.Pattern < 0 || _patterns[other.Pattern].Term is not null));
            }

            if (!covered)
            {
                kept++;
                if (collect)
                {
                    (findings ??= []).Add(new Finding(hit.Start, hit.End - hit.Start, term));
                }
            }
        }

        return kept;
    }
}
