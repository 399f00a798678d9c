using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace DeviceModel.Declarations
{
    /// <summary>An immutable array compared by content, so generator models stay value-equatable (and cache).</summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T> where T : IEquatable<T>
    {
        private readonly T[]? _items;

        public EquatableArray(T[] items) => _items = items;

        public EquatableArray(IEnumerable<T> items) => _items = items is T[] a ? a : new List<T>(items).ToArray();

        public static EquatableArray<T> Empty => new(Array.Empty<T>());

        public int Length => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool Equals(EquatableArray<T> other)
        {
            T[] a = _items ?? Array.Empty<T>(), b = other._items ?? Array.Empty<T>();
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(a[i], b[i])) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = 17;
                foreach (T item in _items ?? Array.Empty<T>()) hash = hash * 31 + (item is null ? 0 : item.GetHashCode());
                return hash;
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

namespace System.Runtime.CompilerServices
{
    /// <summary>Polyfill so records compile for netstandard2.0.</summary>
    internal static class IsExternalInit
    {
    }
}
