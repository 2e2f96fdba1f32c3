"""Writes dense.h5 and v1groups.h5: the HDF5 structures V2IndexesTest needs, as libhdf5 itself writes them.

Debian 12: python3-h5py 3.7.0 on HDF5 1.10.8 (nothing of it is a project dependency).
"""
import h5py
import numpy as np

with h5py.File('dense.h5', 'w', libver='latest', track_order=False) as f:
    members = f.create_group('many')  # more than 8 members: dense storage, a fractal heap and a v2 B-tree
    for i in range(40):
        members.create_group('g%02d' % i)
    attrs = f.create_dataset('attrs', data=np.arange(10, dtype='u1'))  # dense attributes
    for i in range(40):
        attrs.attrs['a%02d' % i] = i
    grid = np.arange(64 * 64, dtype='u2').reshape(64, 64)
    f.create_dataset('btree2', data=grid, chunks=(8, 8), maxshape=(None, None))  # chunks in a v2 B-tree
    f.create_dataset('earray', data=grid, chunks=(8, 8), maxshape=(None, 64))  # an extensible array
    f.create_dataset('farray', data=grid, chunks=(8, 8))  # a fixed array

# v1groups.h5: groups in the oldest format (symbol tables: a version-1 B-tree and a local heap), group
# 'a' of 40 members (hard links to one data set), empty groups 'b', 'c', 'e' and 'f', whose symbol tables the
# test points at a's, and a soft link to 'a'
with h5py.File('v1groups.h5', 'w', libver='earliest') as f:
    d = f.create_dataset('d', data=np.zeros(4, dtype='u1'))
    a = f.create_group('a')
    for i in range(40):
        a['m%02d' % i] = d
    for name in 'bcef':
        f.create_group(name)
    f['soft'] = h5py.SoftLink('/a')  # an entry that names a path, not a header
