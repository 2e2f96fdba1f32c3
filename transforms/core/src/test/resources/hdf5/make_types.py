"""Writes types.h5: metadata of HDF5 types other than numbers and text, as libhdf5 writes them, for
VariableLengthTest (radarbeam reads radar metadata of plain numbers and text only).

Debian 12: python3-h5py 3.7.0 on HDF5 1.10.8 (nothing of it is a project dependency).
"""
import h5py
import numpy as np

with h5py.File('types.h5', 'w', libver='earliest') as f:
    f.attrs['plain'] = np.float64(46.5)
    f.attrs['text'] = '20251117'  # a variable-length string
    arrays = np.dtype(('f8', (3, 5)))  # an array type: jhdf sizes its values by the dimensions it declares
    h5py.h5a.create(f.id, b'array', h5py.h5t.py_create(arrays), h5py.h5s.create_simple((1,)))  # zeros
    f.attrs['compound'] = np.zeros(1, dtype=[('a', 'f8'), ('b', 'i4')])
    f.attrs['enum'] = np.bool_(True)  # h5py writes booleans as an enumeration
    f.create_dataset('arrays', shape=(1,), dtype=arrays, track_times=False)
    f.create_dataset('plainset', data=np.arange(3, dtype='f4'), track_times=False)
    f.create_dataset('cube', data=np.zeros((3, 5, 7)), track_times=False)  # the test rewrites its shape
