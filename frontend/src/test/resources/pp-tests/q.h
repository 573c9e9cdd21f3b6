local_q
